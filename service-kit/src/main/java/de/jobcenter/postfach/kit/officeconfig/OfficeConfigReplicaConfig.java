package de.jobcenter.postfach.kit.officeconfig;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the office-configuration replica. The replica itself is switched on at build time with
 * {@code postfach.office-config.replica.enabled=true} in the services that need it.
 */
@ConfigMapping(prefix = "postfach.office-config")
public interface OfficeConfigReplicaConfig {
    /** The compacted topic with one record per office. */
    @WithDefault("postfach.office-config")
    String topic();

    Replica replica();

    Snapshot snapshot();

    interface Replica {
        /** Build time: whether this service keeps a replica (read at build time; listed here for documentation). */
        @WithDefault("false")
        boolean enabled();
    }

    /** config-service's snapshot endpoint, read once at start to seed the replica. */
    interface Snapshot {
        /** {@code .../internal/v1/active-configuration}; without it the topic alone builds the replica. */
        Optional<String> url();

        /** Whether the service is ready only after the snapshot has been read (it is retried until it answers). */
        @WithDefault("false")
        boolean required();

        /** OIDC token endpoint for the client-credentials grant; without it the call carries no token. */
        Optional<String> tokenUrl();

        Optional<String> clientId();

        /** From the environment (a Kubernetes Secret), never from a file. */
        Optional<String> clientSecret();

        /** First wait between attempts; doubles up to a minute. */
        @WithDefault("1s")
        Duration retryBackoff();
    }
}
