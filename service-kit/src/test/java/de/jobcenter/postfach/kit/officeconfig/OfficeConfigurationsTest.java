package de.jobcenter.postfach.kit.officeconfig;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.contracts.RouteRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfficeConfigurationsTest {
    private static OfficeConfigurationActivated config(long version) {
        return new OfficeConfigurationActivated(
                "JC-X",
                "Jobcenter X",
                OfficeType.JOBCENTER,
                LocalDate.of(2026, 1, 1),
                false,
                version,
                Instant.now(),
                List.of(),
                RouteRef.eakte("JC-X"),
                List.of(),
                null);
    }

    @Test
    void aNewerVersionReplacesTheHeldOneAndAnOlderOrEqualOneDoesNot() {
        OfficeConfigurations replica = new OfficeConfigurations();
        assertThat(replica.apply(config(2))).isTrue();
        assertThat(replica.apply(config(1))).isFalse();
        assertThat(replica.apply(config(2))).isFalse();
        assertThat(replica.find("JC-X").orElseThrow().version()).isEqualTo(2);
        assertThat(replica.apply(config(5))).isTrue();
        assertThat(replica.find("JC-X").orElseThrow().version()).isEqualTo(5);
    }

    @Test
    void anUnknownOfficeIsNotFound() {
        assertThat(new OfficeConfigurations().find("JC-NONE")).isEmpty();
    }
}
