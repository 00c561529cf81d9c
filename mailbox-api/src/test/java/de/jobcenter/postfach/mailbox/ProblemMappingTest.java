package de.jobcenter.postfach.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.kit.problem.Problem;
import de.jobcenter.postfach.kit.problem.ProblemMappers;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/**
 * The failures PostgreSQL produces when it is away, as mailbox-api's stack wraps them, become 503 with
 * {@code Retry-After} (R4); anything else unexpected stays a 500 that names only an error id.
 * {@code DatabaseOutageTest} shows the same against a real outage.
 */
class ProblemMappingTest {
    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void connectionFailuresOfTheDatabaseAreServiceUnavailableWithRetryAfter() {
        Throwable[] outages = {
            new JDBCConnectionException("x", new SQLException("refused", "08001")),
            new RuntimeException(new SQLException("I/O error", "08006")),
            new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01")),
            new SQLTransientConnectionException("timeout"),
            new RuntimeException(new ConnectException("Connection refused"))
        };
        for (Throwable outage : outages) {
            Response response = mappers.unexpected(outage);
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeaderString("Retry-After")).isNotBlank();
            assertThat(((Problem) response.getEntity()).type()).hasToString("urn:postfach:problem:service-unavailable");
        }
    }

    @Test
    void otherFailuresAreInternalAndQuoteNothing() {
        Response response = mappers.unexpected(new IllegalStateException("secret content"));
        assertThat(response.getStatus()).isEqualTo(500);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.type()).hasToString("urn:postfach:problem:internal");
        assertThat(problem.detail()).startsWith("Fehlerkennung: ").doesNotContain("secret");
    }
}
