package de.jobcenter.postfach.servicecenter.config;

import de.jobcenter.postfach.kit.adapter.DeliverySettings;
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

    /**
     * How long a routed message waits for this adapter's office-configuration replica to reach the configuration
     * version routing-service decided with, before the office's contract is checked on what the replica has.
     */
    @WithDefault("30s")
    Duration configWait();

    /** How often used signatures past their window are deleted ({@code postfach.vcc.signature-purge-every}). */
    @WithDefault("1m")
    Duration signaturePurgeEvery();

    /**
     * How calls to the VCC (tickets, rejection notices) are retried: backoff, retry budget and circuit breaker,
     * under {@code postfach.vcc.delivery.*}; see {@link DeliverySettings} for each key.
     */
    DeliverySettings delivery();
}
