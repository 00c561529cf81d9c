package de.jobcenter.postfach.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} application a fresh database on the {@link PostgresServer#shared() shared
 * PostgreSQL server} and drops it when the application stops. The database name starts with the init
 * argument {@code prefix} (default {@code test}), e.g.
 * {@code @QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "mailbox"))}.
 */
public class PostgresDatabaseResource implements QuarkusTestResourceLifecycleManager {

    public static final String PREFIX_ARG = "prefix";
    public static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    public static final String USERNAME = "quarkus.datasource.username";
    public static final String PASSWORD = "quarkus.datasource.password";

    private String prefix = "test";
    private PostgresServer.Database database;

    @Override
    public void init(Map<String, String> initArgs) {
        String configured = initArgs.get(PREFIX_ARG);
        if (configured != null && !configured.isBlank()) {
            prefix = configured;
        }
    }

    @Override
    public Map<String, String> start() {
        database = PostgresServer.shared().createDatabase(prefix);
        return Map.of(JDBC_URL, database.jdbcUrl(), USERNAME, database.username(), PASSWORD, database.password());
    }

    @Override
    public void stop() {
        if (database != null) {
            database.drop();
            database = null;
        }
    }
}
