package de.jobcenter.postfach.notification.infomail;

import de.jobcenter.postfach.contracts.MailboxMessageArrived;
import de.jobcenter.postfach.notification.config.NotificationConfig;
import de.jobcenter.postfach.notification.preference.NotificationPreference;
import de.jobcenter.postfach.notification.preference.PreferenceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides, per mailbox message, whether the customer gets an info e-mail, and records it. The rules, in order: a
 * settled decision stands (at most one mail per message); no opt-in or no address, no mail; a mail sent to the
 * customer within the quiet period covers the message; otherwise send. The replica is read at processing time, so
 * an opt-out counts for every event processed after it, retries included.
 */
@ApplicationScoped
public class DecisionService {
    @Inject
    InfoMailRepository infoMails;

    @Inject
    PreferenceRepository preferences;

    @Inject
    NotificationConfig config;

    @Inject
    Clock clock;

    @Transactional
    public Decision decide(MailboxMessageArrived event) {
        Instant now = now();
        InfoMail held = infoMails.findById(event.messageId());
        if (held != null && held.state.isFinal()) {
            return new Decision.Settled(held.state, true);
        }

        NotificationPreference preference = preferences.findById(event.customerId());
        InfoMailState next;
        UUID coveredBy = null;
        if (preference == null || !preference.wantsMail()) {
            next = InfoMailState.SKIPPED;
        } else {
            Optional<InfoMail> lastSent = infoMails.lastSentTo(event.customerId());
            if (lastSent.isPresent() && now.isBefore(lastSent.get().sentAt.plus(config.quietPeriod()))) {
                next = InfoMailState.COVERED;
                coveredBy = lastSent.get().messageId;
            } else {
                next = InfoMailState.PENDING;
            }
        }

        if (held == null) {
            InfoMail first = new InfoMail();
            first.messageId = event.messageId();
            first.customerId = event.customerId();
            first.state = next;
            first.coveredBy = coveredBy;
            first.decidedAt = now;
            if (!infoMails.insertIfAbsent(first)) {
                // Another consumer recorded it meanwhile (a rebalance); a settled decision of theirs stands.
                held = infoMails.findById(event.messageId());
                if (held.state.isFinal()) {
                    return new Decision.Settled(held.state, true);
                }
                held.redecide(next, coveredBy, now);
            }
        } else {
            held.redecide(next, coveredBy, now);
        }
        return next == InfoMailState.PENDING
                ? new Decision.Send(preference.email, event.officeType())
                : new Decision.Settled(next, false);
    }

    @Transactional
    public void markSent(UUID messageId) {
        InfoMail held = infoMails.findById(messageId);
        if (held != null) { // null: a tombstone forgot the customer meanwhile
            held.sent(now());
        }
    }

    @Transactional
    public void markFailed(UUID messageId) {
        InfoMail held = infoMails.findById(messageId);
        if (held != null) {
            held.failed(now());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
