package de.jobcenter.postfach.eakte.config;

import de.jobcenter.postfach.kit.adapter.DeliverySettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The business settings of eakte-adapter. */
@ConfigMapping(prefix = "postfach.eakte")
public interface EakteConfig {
    /** The role a client must hold to post staff messages from E-AKTE. */
    @WithDefault("eakte-client")
    String clientRole();

    /**
     * How calls to E-AKTE (deliveries, archive filings, rejection notices) are retried: backoff, retry budget and
     * circuit breaker, under {@code postfach.eakte.delivery.*}; see {@link DeliverySettings} for each key.
     */
    DeliverySettings delivery();
}
