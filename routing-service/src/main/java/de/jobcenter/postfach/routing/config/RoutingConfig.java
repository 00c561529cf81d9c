package de.jobcenter.postfach.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/** The business settings of routing-service. */
@ConfigMapping(prefix = "postfach.routing")
public interface RoutingConfig {
    /**
     * This instance's stable identity (pod name in Kubernetes): the Kafka transactional id and static group
     * membership derive from it, so a restarted instance fences its predecessor at once.
     */
    @WithDefault("routing-service-0")
    String instanceId();

    /**
     * The offices' time zone: go-live dates and service-center contract dates are dates there, so "today" for a
     * routing decision is today in this zone.
     */
    @WithDefault("Europe/Berlin")
    ZoneId zone();

    /** Operator access to the dead-letter topic ({@code /admin/dead-letters}). */
    Admin admin();

    /** Replay of dead-lettered messages into {@code postfach.customer-messages}. */
    Replay replay();

    interface Admin {
        /**
         * The bearer token an operator presents to {@code /admin/dead-letters}. From the environment (a Kubernetes
         * Secret, {@code POSTFACH_ROUTING_ADMIN_TOKEN}), never from a file. Without it the endpoints answer 403.
         */
        Optional<String> token();
    }

    interface Replay {
        /**
         * The consumer group whose committed offset marks how far the dead-letter topic has been dealt with. Shared
         * by all instances: a record is replayed once, whichever instance an operator asks.
         */
        @WithDefault("routing-service-dlq-replay")
        String groupId();

        /**
         * The replay's transactional id, the same on every instance on purpose: a second replay started elsewhere
         * fences the first, so two replays never publish the same record twice.
         */
        @WithDefault("routing-service-dlq-replay")
        String transactionalId();

        /** How long one replay request may run; what is left stays in the topic for the next request. */
        @WithDefault("60s")
        Duration timeout();
    }
}
