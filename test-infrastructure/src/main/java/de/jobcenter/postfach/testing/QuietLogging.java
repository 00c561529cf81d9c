package de.jobcenter.postfach.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the chatty INFO logging of the servers started here down to WARN. Kafka, embedded PostgreSQL
 * and WireMock log through SLF4J, which reaches JBoss LogManager in Quarkus tests and here; the levels
 * are set through {@code java.util.logging}, which JBoss LogManager backs when it is the log manager
 * (as in every test JVM of this build), and directly on JBoss LogManager for the case it is not.
 */
final class QuietLogging {

    private static final List<String> CATEGORIES = List.of(
            "kafka",
            "org.apache.kafka",
            "state.change.logger",
            "io.zonky.test",
            "wiremock",
            "WireMock",
            "com.github.tomakehurst.wiremock",
            "org.eclipse.jetty");

    /** Strong references: java.util.logging forgets the level of a logger nobody holds. */
    private static final List<Object> HELD = new ArrayList<>();

    private static boolean applied;

    private QuietLogging() {}

    /**
     * For a process of its own ({@code main}): JBoss LogManager as log manager, as in Quarkus, and
     * warnings and errors on the console. Call before anything logs.
     */
    static synchronized void standalone() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        Logger root = Logger.getLogger("");
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.WARNING);
        root.addHandler(console);
        HELD.add(root);
        apply();
    }

    static synchronized void apply() {
        if (applied) {
            return;
        }
        applied = true;
        for (String category : CATEGORIES) {
            Logger julLogger = Logger.getLogger(category);
            julLogger.setLevel(Level.WARNING);
            HELD.add(julLogger);
            try {
                org.jboss.logmanager.Logger jbossLogger = org.jboss.logmanager.Logger.getLogger(category);
                jbossLogger.setLevel(Level.WARNING);
                HELD.add(jbossLogger);
            } catch (LinkageError absent) {
                // JBoss LogManager is not on this class path: java.util.logging alone decides.
            }
        }
    }
}
