package de.jobcenter.postfach.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The business settings of notification-service. Every key can be overridden by an environment variable (for
 * example {@code POSTFACH_NOTIFICATION_MAILBOX_URL}). The SMTP connection itself is Quarkus' {@code quarkus.mailer.*}.
 */
@ConfigMapping(prefix = "postfach.notification")
public interface NotificationConfig {
    /** Within this period after an info e-mail, further messages for the same customer send no new one. */
    @WithDefault("15m")
    Duration quietPeriod();

    /** The portal's mailbox page, linked from every info e-mail. */
    @WithDefault("https://www.jobcenter.digital/postfach")
    String mailboxUrl();

    /** The From of every info e-mail (RFC 5322 mailbox, display name allowed). */
    @WithDefault("jobcenter.digital <noreply@jobcenter.digital>")
    String sender();

    /**
     * The domain part of the info e-mail's Message-ID. The local part is derived from the message id, so a mail
     * sent again after a crash carries the same Message-ID and mail clients can recognise it.
     */
    @WithDefault("info.jobcenter.digital")
    String messageIdDomain();

    /**
     * How long the consumer waits for one SMTP send to finish. Keep it above {@code quarkus.mailer.timeout},
     * which bounds the send itself; a send that outlasts this counts as a failed attempt.
     */
    @WithDefault("15s")
    Duration sendTimeout();

    /** How failed SMTP sends are retried before the event goes to the dead-letter topic. */
    Retry retry();

    /** How long a decision (sent, covered, skipped, failed) is kept for deduplication and the quiet period. */
    @WithDefault("90d")
    Duration retention();

    /**
     * Retrying a send in place. The budget is spent when either limit is reached: {@link #maxAttempts()} sends or
     * {@link #maxDuration()} since the first attempt of this event.
     */
    interface Retry {
        /** Wait after the first failed send; it doubles after every further failure up to {@link #maxBackoff()}. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** The longest wait between two attempts. */
        @WithDefault("1m")
        Duration maxBackoff();

        /** Send attempts for one event, the first included. */
        @WithDefault("50")
        int maxAttempts();

        /** Time from the first attempt after which no further attempt is started. */
        @WithDefault("30m")
        Duration maxDuration();
    }
}
