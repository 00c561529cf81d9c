package de.jobcenter.postfach.mailbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

/** The business settings of mailbox-api. Every key can be overridden by an environment variable. */
@ConfigMapping(prefix = "postfach")
public interface MailboxConfig {

    Security security();

    Outbox outbox();

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
    }

    interface Outbox {
        /** How often the relay looks for unpublished rows (also read by its scheduler). */
        @WithDefault("100ms")
        Duration pollInterval();

        /** How many outbox rows the relay publishes per round. */
        @WithDefault("500")
        int batchSize();

        /** How long the relay waits for the broker to acknowledge a round before it tries again. */
        @WithDefault("15s")
        Duration sendTimeout();
    }
}
