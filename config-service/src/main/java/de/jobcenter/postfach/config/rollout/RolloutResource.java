package de.jobcenter.postfach.config.rollout;

import de.jobcenter.postfach.config.access.CurrentStaff;
import de.jobcenter.postfach.config.publication.PublicationService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The rollout schedule; "roll out now" and "republish all" for central administrators. */
@Path("/api/v1/rollouts")
@RolesAllowed({
    "${postfach.config.roles.editor}",
    "${postfach.config.roles.reviewer}",
    "${postfach.config.roles.central-admin}"
})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rollout")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class RolloutResource {
    @Inject
    RolloutService rollouts;

    @Inject
    RolloutCalendar calendar;

    @Inject
    RolloutRunRepository runs;

    @Inject
    PublicationService publication;

    @Inject
    CurrentStaff staff;

    /** One past rollout. */
    public record Run(
            long id,
            RolloutRun.Trigger trigger,
            LocalDate rolloutDate,
            Instant startedAt,
            Instant finishedAt,
            int activated,
            int held,
            int failed) {}

    /**
     * The schedule.
     *
     * @param nextRunAt the next weekly rollout (in the schedule's time zone); absent when switched off
     * @param nextEffectiveOn the date a change approved now takes effect
     */
    public record Schedule(
            String cron, String timeZone, OffsetDateTime nextRunAt, LocalDate nextEffectiveOn, List<Run> recentRuns) {}

    /** What a republication did. */
    public record Republication(int published, int failed) {}

    @GET
    @Operation(summary = "Der Rollout-Zeitplan: nächster Termin und die letzten Läufe")
    @APIResponse(responseCode = "200", description = "Der Zeitplan")
    public Schedule schedule() {
        List<Run> recent = QuarkusTransaction.requiringNew()
                .call(() -> runs.latest(10).stream()
                        .map(r -> new Run(
                                r.id,
                                r.trigger,
                                r.rolloutDate,
                                r.startedAt,
                                r.finishedAt,
                                r.activated,
                                r.held,
                                r.failed))
                        .toList());
        RolloutSchedule schedule = calendar.schedule();
        return new Schedule(
                schedule.cron(),
                schedule.zone().getId(),
                calendar.nextRun()
                        .map(java.time.ZonedDateTime::toOffsetDateTime)
                        .orElse(null),
                calendar.effectiveDate(),
                recent);
    }

    @POST
    @Operation(
            summary = "Jetzt ausrollen (zentrale Administration)",
            description = "Aktiviert jede freigegebene Änderung, jede Dienststelle für sich; prüft dabei alle Regeln"
                    + " zum heutigen Datum und stellt nicht mehr passende Änderungen mit Gründen zurück.")
    @APIResponse(responseCode = "200", description = "Was der Rollout getan hat")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public RolloutService.Report rollOutNow() {
        staff.member().requireCentralAdmin();
        return rollouts.runNow(staff.member().actor());
    }

    @POST
    @Path("/republish")
    @Operation(
            summary = "Alle Dienststellen erneut veröffentlichen (zentrale Administration)",
            description = "Schreibt die aktive Konfiguration jeder Dienststelle noch einmal auf das Topic, damit neue"
                    + " Verbraucher ihren Bestand aufbauen können. Nicht Bestätigtes wird wiederholt.")
    @APIResponse(responseCode = "200", description = "Wie viele veröffentlicht wurden und wie viele noch ausstehen")
    public Republication republish() {
        staff.member().requireCentralAdmin();
        PublicationService.Result result =
                publication.republishAll(staff.member().actor());
        return new Republication(result.published(), result.failed());
    }
}
