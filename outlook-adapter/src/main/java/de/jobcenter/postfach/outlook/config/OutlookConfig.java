package de.jobcenter.postfach.outlook.config;

import de.jobcenter.postfach.kit.adapter.DeliverySettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The business settings of outlook-adapter. Secrets (the reply-token key, the SMTP and IMAP passwords) have no
 * default and come from the environment only ({@code POSTFACH_OUTLOOK_REPLY_TOKEN_KEY},
 * {@code POSTFACH_OUTLOOK_SMTP_PASSWORD}, {@code POSTFACH_OUTLOOK_IMAP_PASSWORD}).
 */
@ConfigMapping(prefix = "postfach.outlook")
public interface OutlookConfig {
    /**
     * The service's own address: the sender of every mail to an office, where staff answer (the IMAP mailbox
     * below), and where staff start a conversation.
     */
    @WithDefault("postfach@jobcenter-ge.de")
    String serviceAddress();

    /** The domain part of the deterministic Message-ID derived from a message's id. */
    @WithDefault("postfach.jobcenter-ge.de")
    String messageIdDomain();

    /**
     * Mail domains whose addresses may answer a conversation (token-bound) besides the office's configured
     * mailboxes, e.g. a staff member's personal address. New conversations come only from configured mailboxes.
     */
    @WithDefault("arbeitsagentur.de,jobcenter-ge.de")
    List<String> allowedSenderDomains();

    /** The offices' time zone: "today" for an office's go-live date, and the times quoted in mails. */
    @WithDefault("Europe/Berlin")
    ZoneId zone();

    ReplyToken replyToken();

    Smtp smtp();

    Imap imap();

    /**
     * How routed messages are mailed when SMTP fails transiently: backoff, retry budget and circuit breaker, under
     * {@code postfach.outlook.delivery.*}; see {@link DeliverySettings} for each key.
     */
    DeliverySettings delivery();

    /** The subject token that binds a staff answer to its conversation and office. */
    interface ReplyToken {
        /**
         * HMAC-SHA256 key, Base64, at least 32 bytes; from the environment ({@code POSTFACH_OUTLOOK_REPLY_TOKEN_KEY}).
         * Rotating it changes the tokens of later mails only: earlier tokens stay valid, as they are looked up.
         */
        String key();
    }

    /** The SMTP server that carries mail to the office mailboxes. */
    interface Smtp {
        @WithDefault("localhost")
        String host();

        @WithDefault("25")
        int port();

        /** DISABLED, OPTIONAL (use STARTTLS when offered) or REQUIRED. */
        @WithDefault("REQUIRED")
        StartTls startTls();

        /** Login, when the server requires authentication. */
        Optional<String> username();

        /** From the environment only ({@code POSTFACH_OUTLOOK_SMTP_PASSWORD}). */
        Optional<String> password();

        /** Connect, read and write timeout. */
        @WithDefault("10s")
        Duration timeout();

        /**
         * How long a connection is kept open unused before it is closed: mails reuse one connection (no handshake,
         * STARTTLS and login per mail), but servers drop idle sessions, so an unused one is not kept for long.
         */
        @WithDefault("30s")
        Duration idleTimeout();
    }

    /** The mailbox of {@link #serviceAddress()}, read by IMAP for staff answers and new conversations. */
    interface Imap {
        /** Whether this instance reads the mailbox at all (one instance polls at a time anyway: a lock). */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("localhost")
        String host();

        @WithDefault("993")
        int port();

        /** SSL (implicit TLS), STARTTLS (required) or NONE (tests and the local stack only). */
        @WithDefault("SSL")
        ImapSecurity security();

        /** Login of the mailbox; the service address when not set. */
        Optional<String> username();

        /** From the environment only ({@code POSTFACH_OUTLOOK_IMAP_PASSWORD}). */
        Optional<String> password();

        /** Where new mail arrives. */
        @WithDefault("INBOX")
        String inbox();

        /** Where a mail goes once its message is on Kafka; created when missing. */
        @WithDefault("Verarbeitet")
        String processedFolder();

        /** Where a refused mail goes for a person to look at; created when missing. */
        @WithDefault("Pruefung")
        String reviewFolder();

        /**
         * Whether to wait with IMAP IDLE when the server offers it; otherwise (and as the longest wait under IDLE)
         * the mailbox is read every {@link #pollInterval()}.
         */
        @WithDefault("true")
        boolean idle();

        @WithDefault("30s")
        Duration pollInterval();

        /** Connect and read timeout of IMAP commands (IDLE itself waits up to the poll interval). */
        @WithDefault("20s")
        Duration timeout();

        /** How long a replica that does not hold the poller lock waits before trying to take it again. */
        @WithDefault("10s")
        Duration lockRetry();

        /** First wait after the mailbox could not be read; doubles up to {@link #maxBackoff()}. */
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("60s")
        Duration maxBackoff();

        /** Mails larger than this (all parts, encoded) are refused unread, to the review folder. */
        @WithDefault("2000000")
        int maxMailBytes();
    }

    enum StartTls {
        DISABLED,
        OPTIONAL,
        REQUIRED
    }

    enum ImapSecurity {
        NONE,
        STARTTLS,
        SSL
    }
}
