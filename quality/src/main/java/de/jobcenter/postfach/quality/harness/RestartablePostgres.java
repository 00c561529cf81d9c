package de.jobcenter.postfach.quality.harness;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Real PostgreSQL (the embedded binaries test-infrastructure uses) on a fixed port with its data in the run
 * directory, so a fault run can stop the server and start it again on the same port with the same data, as an
 * operator restarting the database would. The shared local server cannot be restarted: other builds use it.
 */
public final class RestartablePostgres implements AutoCloseable {
    private static final String USER = "postgres";

    private final Path dataDir;
    private final Path workingDir;
    private final int port;
    private EmbeddedPostgres running;

    private RestartablePostgres(Path dir, int port) {
        this.dataDir = dir.resolve("data").toAbsolutePath();
        this.workingDir = dir.resolve("binaries").toAbsolutePath();
        this.port = port;
    }

    public static RestartablePostgres start(Path dir, int port) {
        RestartablePostgres postgres = new RestartablePostgres(dir, port);
        postgres.start();
        return postgres;
    }

    public synchronized void start() {
        if (running != null) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(workingDir);
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(
                    workingDir.resolve("postgres.log").toFile());
            running = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workingDir.toFile())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL on port " + port, e);
        }
    }

    /** Stops the server (fast shutdown: sessions are ended); port and data stay for {@link #start()}. */
    public synchronized void stop() {
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot stop embedded PostgreSQL", e);
            } finally {
                running = null;
            }
        }
    }

    public synchronized boolean isRunning() {
        return running != null;
    }

    public int port() {
        return port;
    }

    public Database createDatabase(String name) {
        try (Connection connection = adminDatabase().connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return database(name);
    }

    private Database adminDatabase() {
        return database("postgres");
    }

    private Database database(String name) {
        return new Database(name, "jdbc:postgresql://localhost:" + port + "/" + name, USER, "");
    }

    @Override
    public void close() {
        stop();
    }
}
