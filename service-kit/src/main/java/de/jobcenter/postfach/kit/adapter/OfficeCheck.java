package de.jobcenter.postfach.kit.adapter;

import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.kit.officeconfig.OfficeConfigReplica;
import de.jobcenter.postfach.kit.problem.CommonProblems;
import de.jobcenter.postfach.kit.problem.ProblemException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether staff may send for an office through a channel: the office must be known to the adapter's replica of the
 * office configuration and live today (go-live date reached, not suspended), and the channel may add its own rule
 * (the VCC: a service-center contract). A refusal is a German sentence for the sender; it names no content.
 */
@FunctionalInterface
public interface OfficeCheck {
    ZoneId OFFICE_TIME_ZONE = ZoneId.of("Europe/Berlin");

    /** Why staff may not send for the office, or empty when they may. */
    Optional<String> refusal(String officeId);

    /** No check: any syntactically valid office id. */
    static OfficeCheck anyOffice() {
        return officeId -> Optional.empty();
    }

    /**
     * A known, live office, then {@code channelRule}.
     *
     * @param offices the replica's lookup
     * @param channelRule the channel's own rule for a live office; {@code office -> Optional.empty()} for none
     */
    static OfficeCheck liveOffice(
            Function<String, Optional<OfficeConfigurationActivated>> offices,
            Clock clock,
            Function<OfficeConfigurationActivated, Optional<String>> channelRule) {
        return officeId -> {
            Optional<OfficeConfigurationActivated> office = offices.apply(officeId);
            if (office.isEmpty()) {
                return Optional.of("Diese Dienststelle ist nicht bekannt.");
            }
            LocalDate today = LocalDate.now(clock.withZone(OFFICE_TIME_ZONE));
            if (office.get().suspended()) {
                return Optional.of("Das Postfach dieser Dienststelle ist derzeit ausgesetzt.");
            }
            if (!office.get().isLiveOn(today)) {
                return Optional.of("Das Postfach dieser Dienststelle ist noch nicht freigeschaltet.");
            }
            return channelRule.apply(office.get());
        };
    }

    /**
     * A known, live office according to the service's replica, then {@code channelRule}. While the replica is still
     * loading (readiness is down then) a call is answered 503, never refused on a partial picture.
     */
    static OfficeCheck liveOffice(
            OfficeConfigReplica replica,
            Clock clock,
            Function<OfficeConfigurationActivated, Optional<String>> channelRule) {
        OfficeCheck check = liveOffice(replica::find, clock, channelRule);
        return officeId -> {
            if (!replica.isLoaded()) {
                throw new ProblemException(
                        CommonProblems.SERVICE_UNAVAILABLE, "Die Konfiguration der Dienststellen wird noch geladen.");
            }
            return check.refusal(officeId);
        };
    }
}
