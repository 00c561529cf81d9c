package de.jobcenter.postfach.mailbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;

/**
 * The business settings of mailbox-api. Every key can be overridden by an environment variable
 * ({@code postfach.security.accepted-acr} → {@code POSTFACH_SECURITY_ACCEPTED_ACR}); the README lists them all.
 */
@ConfigMapping(prefix = "postfach")
public interface MailboxConfig {

    Security security();

    Outbox outbox();

    Idempotency idempotency();

    Customers customers();

    Retention retention();

    Offices offices();

    interface Security {
        /** Values of the level-of-assurance claim that open the mailbox („Pin-Brief-bestätigt“ or higher). */
        @WithDefault("pin-letter-confirmed,eid")
        Set<String> acceptedAcr();

        /** Name of the level-of-assurance claim. */
        @WithDefault("acr")
        String acrClaim();

        /** Name of the claim carrying the BA customer number, if any. */
        @WithDefault("customer_number")
        String customerNumberClaim();

        /** Name of the claim carrying the customer's e-mail address. */
        @WithDefault("email")
        String emailClaim();

        /** Name of the claim that says whether the identity provider verified that address. */
        @WithDefault("email_verified")
        String emailVerifiedClaim();

        /** Name of the claim naming the job centre of a running benefit case (the pre-selected office). */
        @WithDefault("current_office")
        String currentOfficeClaim();
    }

    interface Outbox {
        /** How often the relay looks for unpublished rows when it found none. */
        @WithDefault("100ms")
        Duration pollInterval();

        /** How many outbox rows the relay publishes per round. */
        @WithDefault("500")
        int batchSize();

        /** How long the relay waits for the broker to acknowledge a round before it tries again. */
        @WithDefault("15s")
        Duration sendTimeout();

        /** How often the outbox lag gauges are measured (independent of the relay, which may wait for Kafka). */
        @WithDefault("5s")
        Duration lagInterval();

        /**
         * How long published outbox rows are kept (for diagnosis) before housekeeping deletes them; they hold
         * message content, so not longer than needed.
         */
        @WithDefault("P7D")
        Duration keepPublished();
    }

    interface Idempotency {
        /** How long an {@code Idempotency-Key} and the first answer to it are kept. */
        @WithDefault("PT24H")
        Duration keep();

        /**
         * After this long a request still marked in flight is taken to have died with its instance; a retry with
         * the same key then runs it again instead of answering 409.
         */
        @WithDefault("30s")
        Duration inFlightTimeout();
    }

    interface Customers {
        /**
         * How long a staff message for a customer number never seen is held; after that it is rejected with
         * {@code CUSTOMER_PENDING_EXPIRED}.
         */
        @WithDefault("P90D")
        Duration pendingExpiry();

        /** What this instance remembers of recent sign-ins, so that an unchanged sign-in needs no database call. */
        SignInCache signInCache();
    }

    interface SignInCache {
        /**
         * How long a remembered sign-in (customer number, verified e-mail, last seen) stands in for the database
         * row. Bounds how long a change made by another instance can go unnoticed here (ADR 10); well below the
         * one-day precision of {@code last_seen_at}.
         */
        @WithDefault("15m")
        Duration expiry();

        /**
         * How many customers are remembered at most (about 300 bytes of heap each); beyond it the least used are
         * dropped and read again when they call. 0 turns the cache off.
         */
        @WithDefault("20000")
        long maxSize();
    }

    interface Retention {
        /** Messages older than this (by the time they were written or filed) are purged. */
        @WithDefault("P730D")
        Duration messages();

        /** Messages a customer deleted are purged this long after the deletion. */
        @WithDefault("P30D")
        Duration deletedMessages();

        /**
         * A customer without messages who has not signed in for this long is forgotten: profile, customer number
         * and notification opt-in are deleted and a tombstone tells notification-service.
         */
        @WithDefault("P730D")
        Duration inactiveCustomers();

        /** How often housekeeping (retention, expired keys, held staff messages) runs; first run 5 min after start. */
        @WithDefault("1h")
        Duration every();

        /** How many rows one housekeeping statement deletes at most, so no transaction grows large. */
        @WithDefault("1000")
        int batchSize();
    }

    interface Offices {
        /** The offices' time zone: "today" for go-live dates. */
        @WithDefault("Europe/Berlin")
        ZoneId zone();
    }
}
