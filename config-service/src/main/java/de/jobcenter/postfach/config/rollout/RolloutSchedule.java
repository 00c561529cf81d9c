package de.jobcenter.postfach.config.rollout;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * When the weekly rollout runs, computed from the same Quartz cron expression and time zone the scheduler uses. The
 * rules need it: a change takes effect at the next rollout, so the service-center lead time is checked against that
 * date.
 */
public final class RolloutSchedule {
    private final String cron;
    private final ZoneId zone;
    private final ExecutionTime executionTime;

    public RolloutSchedule(String cron, ZoneId zone) {
        this.cron = cron.strip();
        this.zone = zone;
        this.executionTime = isOff(this.cron)
                ? null
                : ExecutionTime.forCron(
                        new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ)).parse(this.cron));
    }

    public String cron() {
        return cron;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The next scheduled rollout after {@code now}; empty when the schedule is switched off. */
    public Optional<ZonedDateTime> nextRunAfter(Instant now) {
        if (executionTime == null) {
            return Optional.empty();
        }
        return executionTime.nextExecution(now.atZone(zone));
    }

    /** The date a change approved now would take effect: the next rollout's date, else today. */
    public LocalDate effectiveDateAfter(Instant now) {
        return nextRunAfter(now).map(ZonedDateTime::toLocalDate).orElse(today(now));
    }

    public LocalDate today(Instant now) {
        return now.atZone(zone).toLocalDate();
    }

    private static boolean isOff(String cron) {
        String value = cron.toLowerCase(Locale.ROOT);
        return value.equals("off") || value.equals("disabled");
    }
}
