package de.jobcenter.postfach.outlook.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.jobcenter.postfach.outlook.OutlookTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Exactly one replica reads the service mailbox: the one that holds the PostgreSQL advisory lock. */
@QuarkusTest
@QuarkusTestResource(OutlookTestResources.class)
class StaffMailPollerTest {
    @Inject
    StaffMailPoller poller;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @Test
    void anotherReplicaCannotTakeThePollerLockWhileThisOneReads() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(poller::isActive);

        try (Connection otherReplica = DriverManager.getConnection(jdbcUrl, user, password.orElse(""));
                PreparedStatement tryLock = otherReplica.prepareStatement("select pg_try_advisory_lock(?)")) {
            tryLock.setLong(1, PollerLock.KEY);
            try (ResultSet result = tryLock.executeQuery()) {
                assertThat(result.next()).isTrue();
                assertThat(result.getBoolean(1)).isFalse();
            }
        }
    }
}
