package de.jobcenter.postfach.outlook.inbound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * The lock that lets exactly one replica read the service mailbox: a PostgreSQL session-level advisory lock, held
 * on a connection of its own (outside the pool, so it can never be handed to other work). It lasts as long as
 * that database session: a replica that dies, or loses the database, loses the lock, and another takes over.
 */
final class PollerLock implements AutoCloseable {
    /** "outlook1": the same key in every replica. */
    static final long KEY = 0x6f75746c6f6f6b31L;

    private final Connection connection;

    private PollerLock(Connection connection) {
        this.connection = connection;
    }

    /** The lock, if no other replica holds it. */
    static Optional<PollerLock> tryAcquire(String jdbcUrl, Optional<String> user, Optional<String> password)
            throws SQLException {
        Properties props = new Properties();
        user.ifPresent(u -> props.put("user", u));
        password.ifPresent(p -> props.put("password", p));
        props.put("ApplicationName", "outlook-adapter IMAP poller lock");
        props.put("tcpKeepAlive", "true");
        props.put("connectTimeout", "10");
        props.put("socketTimeout", "30");
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl, props);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL");
        }
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            statement.setLong(1, KEY);
            try (ResultSet result = statement.executeQuery()) {
                if (result.next() && result.getBoolean(1)) {
                    return Optional.of(new PollerLock(connection));
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return Optional.empty();
    }

    /** Whether the session that holds the lock is still alive (a database restart ends it). */
    boolean isHeld() {
        try {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Ends the session, which releases the lock. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // The session is gone either way.
        }
    }
}
