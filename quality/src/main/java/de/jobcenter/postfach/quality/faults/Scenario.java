package de.jobcenter.postfach.quality.faults;

import de.jobcenter.postfach.quality.harness.PostfachSystem;
import java.util.function.Supplier;

/**
 * One fault scenario: injects the fault, counts what users see. Scenarios that take infrastructure away start a
 * system of their own; the others share one full system ({@code shared}, started on first use) to save start-up
 * time, and count only the messages they wrote themselves.
 */
interface Scenario {
    String id();

    String title();

    /** Fills the result; a thrown exception fails the scenario with its message. */
    void run(FaultsConfig config, ScenarioResult result, Supplier<PostfachSystem> shared) throws Exception;
}
