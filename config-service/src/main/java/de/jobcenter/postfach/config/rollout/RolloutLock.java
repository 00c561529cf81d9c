package de.jobcenter.postfach.config.rollout;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Exactly one replica runs a rollout, however many run: a PostgreSQL session advisory lock, held on a connection of
 * its own for the whole run (each office is activated in a transaction of its own). Should the replica die, the
 * database ends its session and the lock is free again.
 */
@ApplicationScoped
public class RolloutLock {
    /** "rollout" in ASCII: the key of the cluster-wide lock. */
    static final long KEY = 0x726f6c6c6f7574L;

    @Inject
    AgroalDataSource dataSource;

    /** Runs {@code work} holding the lock; empty, without running it, when another replica holds it. */
    public <T> Optional<T> tryRun(Supplier<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!call(connection, "select pg_try_advisory_lock(?)")) {
                return Optional.empty();
            }
            try {
                return Optional.of(work.get());
            } finally {
                call(connection, "select pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the rollout lock", e);
        }
    }

    private static boolean call(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, KEY);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
