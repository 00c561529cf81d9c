package de.jobcenter.postfach.eakte.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The business settings of eakte-adapter. */
@ConfigMapping(prefix = "postfach.eakte")
public interface EakteConfig {
    /** The role a client must hold to post staff messages from E-AKTE. */
    @WithDefault("eakte-client")
    String clientRole();

    /** First wait before a failed delivery is tried again; doubles up to {@link #maxBackoff()}. */
    @WithDefault("500ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();
}
