package de.jobcenter.postfach.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The business settings of notification-service. */
@ConfigMapping(prefix = "postfach.notification")
public interface NotificationConfig {
    /** Within this period after an info e-mail, further messages for the same customer send no new one. */
    @WithDefault("15m")
    Duration quietPeriod();

    /** The portal's mailbox page, linked from every info e-mail. */
    @WithDefault("https://www.jobcenter.digital/postfach")
    String mailboxUrl();
}
