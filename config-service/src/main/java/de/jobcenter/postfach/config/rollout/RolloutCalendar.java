package de.jobcenter.postfach.config.rollout;

import de.jobcenter.postfach.config.config.ConfigServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

/** The configured rollout schedule, asked with the service's clock. */
@ApplicationScoped
public class RolloutCalendar {
    @Inject
    ConfigServiceConfig config;

    @Inject
    Clock clock;

    private volatile RolloutSchedule schedule;

    public RolloutSchedule schedule() {
        if (schedule == null) {
            schedule = new RolloutSchedule(
                    config.rollout().cron(), config.rollout().timeZone());
        }
        return schedule;
    }

    public Optional<ZonedDateTime> nextRun() {
        return schedule().nextRunAfter(clock.instant());
    }

    /** The date a change approved now takes effect: the next rollout's date. */
    public LocalDate effectiveDate() {
        return schedule().effectiveDateAfter(clock.instant());
    }

    public LocalDate today() {
        return schedule().today(clock.instant());
    }
}
