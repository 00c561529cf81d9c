package de.jobcenter.postfach.kit.officeconfig;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the office-configuration replica is loaded: a service must not decide on a partial one. */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "postfach.office-config.replica.enabled", stringValue = "true")
public class OfficeConfigReplicaHealth implements HealthCheck {
    @Inject
    OfficeConfigReplica replica;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("office-configuration-replica")
                .status(replica.isLoaded())
                .withData("offices", replica.size())
                .withData("snapshotLoaded", replica.isSnapshotLoaded())
                .build();
    }
}
