package de.jobcenter.postfach.servicecenter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The business settings of servicecenter-adapter. */
@ConfigMapping(prefix = "postfach.vcc")
public interface ServiceCenterConfig {
    /**
     * The secret shared with the VCC for HMAC-SHA256 signatures on its callbacks. No default: it comes from the
     * environment (a Kubernetes Secret), never from a file.
     */
    String hmacSecret();

    /** How far a callback's timestamp may lie from now, either way. */
    @WithDefault("5m")
    Duration signatureWindow();

    /** The id of the service center this VCC belongs to: the route of every staff message from it. */
    @WithDefault("BA-SC")
    String serviceCenterId();
}
