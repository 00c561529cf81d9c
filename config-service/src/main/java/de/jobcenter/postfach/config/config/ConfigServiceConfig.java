package de.jobcenter.postfach.config.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;

/** The business settings of config-service. Every key can be overridden by an environment variable. */
@ConfigMapping(prefix = "postfach.config")
public interface ConfigServiceConfig {
    Roles roles();

    Security security();

    /**
     * Mail domains an Outlook mailbox may belong to (exact match, case-insensitive). A subdomain is accepted only
     * when it is listed itself.
     */
    @WithDefault("arbeitsagentur.de,jobcenter-ge.de")
    Set<String> allowedMailDomains();

    Rollout rollout();

    Publication publication();

    /** Creates a few demo offices at start (idempotent), for the local stack. Never on in production. */
    @WithDefault("false")
    boolean demoSeed();

    /** Role names as the identity provider issues them (in {@code groups} or {@code realm_access.roles}). */
    interface Roles {
        /** Edits and submits the concern configuration of the offices in the caller's office claim. */
        @WithDefault("config-editor")
        String editor();

        /** Approves or rejects changes of the offices in the caller's office claim (never their own). */
        @WithDefault("config-reviewer")
        String reviewer();

        /**
         * Keeps the offices' master data, triggers rollouts and republication, configures and reviews employment
         * agency offices; never a job centre's concern configuration.
         */
        @WithDefault("central-admin")
        String centralAdmin();

        /** Service clients (routing-service, mailbox-api) that read the active configuration of all offices. */
        @WithDefault("config-snapshot-reader")
        String snapshotReader();
    }

    interface Security {
        /** Name of the token claim listing the office ids the caller acts for (a JSON array or one string). */
        @WithDefault("offices")
        String officesClaim();
    }

    interface Rollout {
        /** When the weekly rollout runs (Quartz cron: seconds minutes hours day-of-month month day-of-week [year]). */
        @WithDefault("0 0 6 ? * MON")
        String cron();

        /** The time zone of the cron expression and of every date the rules compare (go-live, lead time). */
        @WithDefault("Europe/Berlin")
        ZoneId timeZone();

        /** After this many failed attempts for one office, the rollout alerts (metric and error log line). */
        @WithDefault("3")
        int alertAfterFailures();

        /**
         * How many offices a rollout activates in one transaction (locked together, written with a few statements)
         * before it publishes them. A batch that fails is rolled out again office by office, so one failing office
         * never stops the others.
         */
        @WithDefault("100")
        int batchSize();
    }

    interface Publication {
        /** The compacted topic of OfficeConfigurationActivated. */
        @WithDefault("postfach.office-config")
        String topic();

        /** How long one publication waits for the broker's acknowledgement before it counts as failed. */
        @WithDefault("10s")
        Duration sendTimeout();

        /** How often offices whose active configuration is not yet published (or whose rollout failed) are retried. */
        @WithDefault("15m")
        String retryEvery();

        /** After this many failed publications of one office, alert (metric and error log line). */
        @WithDefault("3")
        int alertAfterFailures();
    }
}
