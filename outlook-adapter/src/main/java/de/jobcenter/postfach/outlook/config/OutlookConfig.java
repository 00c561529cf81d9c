package de.jobcenter.postfach.outlook.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The business settings of outlook-adapter. */
@ConfigMapping(prefix = "postfach.outlook")
public interface OutlookConfig {
    /** The service's own address: the sender of every mail to an office, and where staff answer. */
    @WithDefault("postfach@jobcenter-ge.de")
    String serviceAddress();

    /** The domain part of the deterministic Message-ID derived from a message's id. */
    @WithDefault("postfach.jobcenter-ge.de")
    String messageIdDomain();

    Smtp smtp();

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
        java.util.Optional<String> username();

        java.util.Optional<String> password();

        @WithDefault("10s")
        Duration timeout();
    }

    enum StartTls {
        DISABLED,
        OPTIONAL,
        REQUIRED
    }

    /** First wait before a failed delivery is tried again; doubles up to {@link #maxBackoff()}. */
    @WithDefault("500ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();
}
