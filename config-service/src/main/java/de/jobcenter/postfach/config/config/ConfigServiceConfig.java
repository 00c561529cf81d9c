package de.jobcenter.postfach.config.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The business settings of config-service. */
@ConfigMapping(prefix = "postfach.config")
public interface ConfigServiceConfig {
    Roles roles();

    /** Role names as the identity provider issues them. */
    interface Roles {
        @WithDefault("config-editor")
        String editor();

        @WithDefault("config-reviewer")
        String reviewer();

        @WithDefault("central-admin")
        String centralAdmin();
    }
}
