package de.jobcenter.postfach.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The whole active configuration of one office, so that the latest record on the compacted topic is
 * enough to rebuild a replica.
 *
 * @param goLiveOn the date (Europe/Berlin) from which the office takes messages
 * @param suspended a suspension is published at once, not at the weekly rollout
 * @param version increases with every activation
 * @param concerns one entry per catalogue concern, in catalogue order
 * @param fallbackRoute used when a message's concern has no usable route; EAKTE or OUTLOOK
 * @param outlookMailboxes every mailbox the office configured: the only senders accepted for new
 *     conversations by mail
 * @param serviceCenterContract present when the office bought the service center's support
 */
public record OfficeConfigurationActivated(
        String officeId,
        String name,
        OfficeType type,
        LocalDate goLiveOn,
        boolean suspended,
        long version,
        Instant activatedAt,
        List<ConcernConfiguration> concerns,
        RouteRef fallbackRoute,
        List<String> outlookMailboxes,
        ServiceCenterContract serviceCenterContract)
        implements PostfachEvent {

    public OfficeConfigurationActivated {
        requireNonNull(officeId, "officeId is required");
        requireNonNull(name, "name is required");
        requireNonNull(type, "type is required");
        requireNonNull(goLiveOn, "goLiveOn is required");
        requireNonNull(activatedAt, "activatedAt is required");
        requireNonNull(fallbackRoute, "fallbackRoute is required");
        if (fallbackRoute.channel() == Channel.SERVICE_CENTER) {
            throw new IllegalArgumentException("fallbackRoute must not be SERVICE_CENTER");
        }
        concerns = concerns == null ? List.of() : List.copyOf(concerns);
        outlookMailboxes = outlookMailboxes == null ? List.of() : List.copyOf(outlookMailboxes);
    }

    /** The office's setting for one concern; empty for a code the office's configuration lacks. */
    public Optional<ConcernConfiguration> concern(String code) {
        return concerns.stream().filter(c -> c.concern().equals(code)).findFirst();
    }

    /** Whether the office takes messages on that date: its go-live date is reached and it is not suspended. */
    public boolean isLiveOn(LocalDate date) {
        return !suspended && !date.isBefore(goLiveOn);
    }

    @Override
    public EventType eventType() {
        return EventType.OFFICE_CONFIGURATION_ACTIVATED;
    }

    @Override
    public String businessKey() {
        return officeId + ":" + version;
    }

    @Override
    public String partitionKey() {
        return officeId;
    }

    @Override
    public String cloudEventSubject() {
        return officeId;
    }

    /**
     * One concern as this office offers it.
     *
     * @param label the catalogue's German label
     * @param infoText shown to the customer when picking the concern
     * @param hintText shown when the concern is not offered
     * @param redirectUrl for an online-flow concern: where the customer is sent instead of writing
     * @param route for an offered message concern: where its messages go
     */
    public record ConcernConfiguration(
            String concern,
            String label,
            boolean offered,
            String infoText,
            String hintText,
            String redirectUrl,
            boolean paymentRelevant,
            RouteRef route) {

        public ConcernConfiguration {
            requireNonNull(concern, "concern is required");
            requireNonNull(label, "label is required");
        }
    }

    /**
     * The office bought the service center's support; a precondition for routing to SERVICE_CENTER.
     *
     * @param effectiveFrom the date from which the contract is in effect
     */
    public record ServiceCenterContract(String serviceCenterId, LocalDate effectiveFrom) {

        public ServiceCenterContract {
            requireNonNull(serviceCenterId, "serviceCenterId is required");
            requireNonNull(effectiveFrom, "effectiveFrom is required");
        }
    }
}
