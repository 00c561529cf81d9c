package de.jobcenter.postfach.config.web;

import de.jobcenter.postfach.config.access.CurrentStaff;
import de.jobcenter.postfach.config.access.StaffMember;
import de.jobcenter.postfach.config.publication.PublicationService;
import de.jobcenter.postfach.config.rollout.RolloutCalendar;
import de.jobcenter.postfach.config.rollout.RolloutRun;
import de.jobcenter.postfach.config.rollout.RolloutRunRepository;
import de.jobcenter.postfach.config.rollout.RolloutService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;

/** The rollout schedule; „Jetzt ausrollen“ and „Alle neu veröffentlichen“ for central administrators. */
@Path("/rollout")
@RolesAllowed({
    "${postfach.config.roles.editor}",
    "${postfach.config.roles.reviewer}",
    "${postfach.config.roles.central-admin}"
})
@Produces(MediaType.TEXT_HTML)
public class RolloutPages {
    private static final int RECENT_RUNS = 10;

    @Inject
    CurrentStaff staff;

    @Inject
    RolloutService rollouts;

    @Inject
    RolloutCalendar calendar;

    @Inject
    RolloutRunRepository runs;

    @Inject
    PublicationService publication;

    @Inject
    WebModel model;

    @GET
    public TemplateInstance schedule(
            @QueryParam("lauf") Long runId,
            @QueryParam("veroeffentlicht") Integer published,
            @QueryParam("ausstehend") Integer failed) {
        StaffMember member = staff.member();
        List<RolloutRun> latest = QuarkusTransaction.requiringNew().call(() -> runs.latest(RECENT_RUNS));
        String notice = null;
        if (runId != null) {
            notice = latest.stream()
                    .filter(r -> r.id.equals(runId))
                    .findFirst()
                    .map(r -> "Der Rollout ist abgeschlossen: " + r.activated + " aktiviert, " + r.held
                            + " zurückgestellt, " + r.failed + " fehlgeschlagen.")
                    .orElse(null);
        } else if (published != null && failed != null) {
            notice = "Alle Dienststellen wurden neu veröffentlicht: " + published + " veröffentlicht, " + failed
                    + " noch ausstehend (werden wiederholt).";
        }
        List<WebViews.RunRow> rows = latest.stream()
                .map(r -> new WebViews.RunRow(
                        r.id,
                        trigger(r.trigger),
                        model.date(r.rolloutDate),
                        model.time(r.startedAt),
                        r.finishedAt == null ? "läuft" : model.time(r.finishedAt),
                        r.activated,
                        r.held,
                        r.failed))
                .toList();
        WebViews.ScheduleView view = new WebViews.ScheduleView(
                calendar.nextRun().map(WebFormat::time).orElse("kein weiterer Termin geplant"),
                model.date(calendar.effectiveDate()),
                calendar.schedule().cron(),
                calendar.schedule().zone().getId(),
                rows,
                member.isCentralAdmin());
        return Templates.rollout(Page.of("Rollout", "rollout", member, notice), view);
    }

    @POST
    @Path("jetzt")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rollOutNow() {
        StaffMember member = staff.member();
        member.requireCentralAdmin();
        RolloutService.Report report = rollouts.runNow(member.actor());
        return Response.seeOther(UriBuilder.fromPath("/rollout")
                        .queryParam("lauf", report.runId())
                        .build())
                .build();
    }

    @POST
    @Path("neu-veroeffentlichen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response republish() {
        StaffMember member = staff.member();
        member.requireCentralAdmin();
        PublicationService.Result result = publication.republishAll(member.actor());
        return Response.seeOther(UriBuilder.fromPath("/rollout")
                        .queryParam("veroeffentlicht", result.published())
                        .queryParam("ausstehend", result.failed())
                        .build())
                .build();
    }

    private static String trigger(RolloutRun.Trigger trigger) {
        return switch (trigger) {
            case SCHEDULED -> "Wöchentlicher Termin";
            case MANUAL -> "Jetzt ausgerollt";
            case RETRY -> "Wiederholung";
        };
    }
}
