package de.jobcenter.postfach.kit.problem;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Describes a throwable without its messages. Exception messages can quote what a customer wrote (a JSON parser
 * quoting input, a database quoting a value), and message content must never reach a log or a header.
 */
public final class SafeThrowables {
    private SafeThrowables() {}

    /** The chain of exception classes, with the first frame of the outermost one: no messages. */
    public static String describe(Throwable throwable) {
        List<String> names = new ArrayList<>();
        for (Throwable t = throwable; t != null && names.size() < 8; t = t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                name += "[SQLState " + sql.getSQLState() + "]";
            }
            names.add(name);
            if (t.getCause() == t) {
                break;
            }
        }
        StackTraceElement[] frames = throwable.getStackTrace();
        String at = frames.length > 0 ? " at " + frames[0] : "";
        return String.join(" <- ", names) + at;
    }

    /** Whether the cause chain says the database (or another dependency) could not be reached right now. */
    public static boolean isUnavailableDependency(Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P: operator intervention (shutdown, cannot connect now)
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
            String name = t.getClass().getName();
            if (name.equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
