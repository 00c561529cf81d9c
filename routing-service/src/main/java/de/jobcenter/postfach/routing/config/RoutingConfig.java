package de.jobcenter.postfach.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The business settings of routing-service. */
@ConfigMapping(prefix = "postfach.routing")
public interface RoutingConfig {
    /**
     * This instance's stable identity (pod name in Kubernetes): the Kafka transactional id and static group
     * membership derive from it, so a restarted instance fences its predecessor at once.
     */
    @WithDefault("routing-service-0")
    String instanceId();
}
