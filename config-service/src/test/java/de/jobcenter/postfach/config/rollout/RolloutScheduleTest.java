package de.jobcenter.postfach.config.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The weekly rollout's dates, Mondays 06:00 Europe/Berlin by default. */
class RolloutScheduleTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final RolloutSchedule weekly = new RolloutSchedule("0 0 6 ? * MON", BERLIN);

    @Test
    void theNextRunIsTheComingMondayAtSixInBerlin() {
        Instant wednesday = Instant.parse("2026-02-25T10:00:00Z");
        assertThat(weekly.nextRunAfter(wednesday)).contains(ZonedDateTime.of(2026, 3, 2, 6, 0, 0, 0, BERLIN));
        assertThat(weekly.effectiveDateAfter(wednesday)).isEqualTo(LocalDate.of(2026, 3, 2));
    }

    @Test
    void onMondayBeforeSixItIsTheSameDayAndAfterSixTheNextWeek() {
        assertThat(weekly.effectiveDateAfter(Instant.parse("2026-03-02T04:59:59Z")))
                .isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(weekly.effectiveDateAfter(Instant.parse("2026-03-02T05:00:01Z")))
                .isEqualTo(LocalDate.of(2026, 3, 9));
    }

    @Test
    void followsTheBerlinClockAcrossDaylightSavingTime() {
        // 2026-03-29: clocks go forward; Monday 30 March 06:00 CEST is 04:00 UTC.
        ZonedDateTime next =
                weekly.nextRunAfter(Instant.parse("2026-03-28T12:00:00Z")).orElseThrow();
        assertThat(next.toInstant()).isEqualTo(Instant.parse("2026-03-30T04:00:00Z"));
    }

    @Test
    void aYearFieldAndSwitchingOffAreUnderstood() {
        RolloutSchedule future = new RolloutSchedule("0 0 6 ? * MON 2099", BERLIN);
        assertThat(future.effectiveDateAfter(Instant.parse("2026-02-25T10:00:00Z")))
                .isEqualTo(LocalDate.of(2099, 1, 5));
        RolloutSchedule off = new RolloutSchedule("off", BERLIN);
        assertThat(off.nextRunAfter(Instant.parse("2026-02-25T10:00:00Z"))).isEmpty();
        assertThat(off.effectiveDateAfter(Instant.parse("2026-02-25T23:30:00Z")))
                .isEqualTo(LocalDate.of(2026, 2, 26));
    }
}
