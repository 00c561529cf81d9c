package de.jobcenter.postfach.mailbox.office;

import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated.ConcernConfiguration;
import de.jobcenter.postfach.kit.officeconfig.OfficeConfigReplica;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.mailbox.config.MailboxConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The offices as this instance's replica of {@code postfach.office-config} knows them, and the rules a customer's
 * write must pass against an office's active configuration.
 */
@ApplicationScoped
public class OfficeDirectory {
    @Inject
    OfficeConfigReplica replica;

    @Inject
    MailboxConfig config;

    @Inject
    Clock clock;

    public LocalDate today() {
        return LocalDate.now(clock.withZone(config.offices().zone()));
    }

    public Optional<OfficeConfigurationActivated> find(String officeId) {
        return officeId == null ? Optional.empty() : replica.find(officeId);
    }

    /** An office a customer can write to today. */
    public Optional<OfficeConfigurationActivated> findLive(String officeId) {
        LocalDate today = today();
        return find(officeId).filter(office -> office.isLiveOn(today));
    }

    /** Live offices whose id or name contains {@code query} (ignoring case), by name. */
    public List<OfficeConfigurationActivated> searchLive(String query) {
        LocalDate today = today();
        String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        return replica.all().stream()
                .filter(office -> office.isLiveOn(today))
                .filter(office -> needle.isEmpty()
                        || office.officeId().toLowerCase(Locale.ROOT).contains(needle)
                        || office.name().toLowerCase(Locale.ROOT).contains(needle))
                .sorted(Comparator.comparing(OfficeConfigurationActivated::name, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(OfficeConfigurationActivated::officeId))
                .toList();
    }

    /** The office's name for display, or its id while the replica does not know it. */
    public String nameOf(String officeId) {
        return find(officeId).map(OfficeConfigurationActivated::name).orElse(officeId);
    }

    /**
     * Checks that a customer may write to this office about this concern today, and answers the concern's
     * setting. The order of the checks is the order in which a customer can do something about them.
     *
     * @throws ProblemException 404 unknown office; 400 concern not in the office's catalogue; 422 office not live,
     *     online-flow concern (with its {@code redirectUrl}), concern not offered (with the office's
     *     {@code hintText})
     */
    public ConcernConfiguration checkWritable(String officeId, String concern) {
        OfficeConfigurationActivated office = find(officeId)
                .orElseThrow(() -> new ProblemException(
                        OfficeProblems.OFFICE_NOT_FOUND, "Bitte eine Dienststelle aus der Liste wählen."));
        if (!office.isLiveOn(today())) {
            throw new ProblemException(
                    OfficeProblems.OFFICE_NOT_LIVE,
                    office.suspended()
                            ? "Die Dienststelle nimmt derzeit keine Nachrichten über das Postfach an."
                            : "Die Dienststelle nimmt ab " + office.goLiveOn() + " Nachrichten über das Postfach an.",
                    List.of(),
                    Map.of("officeId", office.officeId()));
        }
        ConcernConfiguration setting = office.concern(concern)
                .orElseThrow(() -> ProblemException.validation(
                        List.of(new FieldError("concern", "Dieses Anliegen gibt es bei dieser Dienststelle nicht."))));
        if (setting.redirectUrl() != null && !setting.redirectUrl().isBlank()) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("redirectUrl", setting.redirectUrl());
            extensions.put("concern", setting.concern());
            throw new ProblemException(
                    OfficeProblems.CONCERN_IS_ONLINE_FLOW,
                    "Dieses Anliegen erledigen Sie bitte über das Online-Verfahren.",
                    List.of(),
                    extensions);
        }
        if (!setting.offered()) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("concern", setting.concern());
            if (setting.hintText() != null && !setting.hintText().isBlank()) {
                extensions.put("hintText", setting.hintText());
            }
            throw new ProblemException(
                    OfficeProblems.CONCERN_NOT_OFFERED,
                    "Dieses Anliegen nimmt die Dienststelle nicht über das Postfach an.",
                    List.of(),
                    extensions);
        }
        return setting;
    }

    /** The office's payment relevance for a concern; false while the office or concern is unknown. */
    public boolean paymentRelevant(String officeId, String concern) {
        return find(officeId)
                .flatMap(office -> office.concern(concern))
                .map(ConcernConfiguration::paymentRelevant)
                .orElse(false);
    }
}
