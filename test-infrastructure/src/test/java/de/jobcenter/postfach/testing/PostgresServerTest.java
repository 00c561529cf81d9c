package de.jobcenter.postfach.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    private final PostgresServer server = PostgresServer.shared();

    @Test
    void createdDatabaseAcceptsWritesAndDropRemovesIt() throws SQLException {
        PostgresServer.Database database = server.createDatabase("Ti-Test");

        assertThat(database.name()).matches("ti_test_[0-9a-f]{12}");
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE note (id int PRIMARY KEY, text varchar(50) NOT NULL)");
            statement.executeUpdate("INSERT INTO note VALUES (1, 'Hallo Jobcenter')");
            try (ResultSet rows = statement.executeQuery("SELECT text FROM note WHERE id = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("Hallo Jobcenter");
            }

            database.drop();
        }

        assertThat(databaseExists(database.name())).isFalse();
        assertThatThrownBy(
                        () -> DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())
                                .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(database.name());
    }

    @Test
    void databaseResourceHandsQuarkusAFreshDatabaseAndDropsItOnStop() throws SQLException {
        PostgresDatabaseResource resource = new PostgresDatabaseResource();
        resource.init(Map.of("prefix", "mailbox"));

        Map<String, String> config = resource.start();

        assertThat(config)
                .containsOnlyKeys(
                        "quarkus.datasource.jdbc.url", "quarkus.datasource.username", "quarkus.datasource.password");
        String url = config.get("quarkus.datasource.jdbc.url");
        assertThat(url).matches("jdbc:postgresql://.*/mailbox_[0-9a-f]{12}.*");
        try (Connection connection = DriverManager.getConnection(
                url, config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"))) {
            assertThat(connection.isValid(5)).isTrue();
        }
        String name = url.replaceAll(".*/(mailbox_[0-9a-f]{12}).*", "$1");

        resource.stop();

        assertThat(databaseExists(name)).isFalse();
    }

    @Test
    void embeddedServerKeepsItsDataAcrossRestarts(@TempDir Path dir) throws SQLException {
        Path dataDir = dir.resolve("pgdata");
        int port = Ports.free();
        try (PostgresServer embedded = PostgresServer.startEmbedded(dataDir, port)) {
            assertThat(embedded.isEmbedded()).isTrue();
            try (Connection connection = embedded.database("stack").connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE office (id varchar(20) PRIMARY KEY)");
                statement.executeUpdate("INSERT INTO office VALUES ('JC-BERLIN-MITTE')");
            }
        }

        try (PostgresServer embedded = PostgresServer.startEmbedded(dataDir, port);
                Connection connection = embedded.database("stack").connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM office")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("JC-BERLIN-MITTE");
        }
    }

    private boolean databaseExists(String name) throws SQLException {
        try (Connection admin =
                        DriverManager.getConnection(server.adminJdbcUrl(), server.username(), server.password());
                var query = admin.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        }
    }
}
