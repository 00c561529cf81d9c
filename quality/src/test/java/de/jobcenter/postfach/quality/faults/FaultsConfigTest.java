package de.jobcenter.postfach.quality.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultsConfigTest {

    @Test
    void readsTheDurationsThePomPassesOn() {
        assertThat(FaultsConfig.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(FaultsConfig.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(FaultsConfig.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(FaultsConfig.parseDuration("PT45S")).isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> FaultsConfig.parseDuration("30x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scalesScenariosFromSystemPropertiesAndIgnoresUnresolvedPlaceholders() {
        System.setProperty("faults.r1.messages", "2000");
        System.setProperty("faults.scenarios", "r1, R3");
        System.setProperty("faults.r3.outage", "${faults.r3.outage}");
        try {
            FaultsConfig config = FaultsConfig.fromSystemProperties();
            assertThat(config.r1Messages()).isEqualTo(2000);
            assertThat(config.scenarios()).containsExactly("R1", "R3");
            assertThat(config.r3Outage()).isEqualTo(Duration.ofMinutes(2));
            assertThat(config.canary()).startsWith("KANARIE-").hasSize(40);
        } finally {
            System.clearProperty("faults.r1.messages");
            System.clearProperty("faults.scenarios");
            System.clearProperty("faults.r3.outage");
        }
    }
}
