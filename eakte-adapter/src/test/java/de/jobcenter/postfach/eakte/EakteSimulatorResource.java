package de.jobcenter.postfach.eakte;

import de.jobcenter.postfach.testing.EakteSimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the E-AKTE simulator on a free port and points the adapter's REST client at it. */
public class EakteSimulatorResource implements QuarkusTestResourceLifecycleManager {
    static EakteSimulator simulator;

    @Override
    public Map<String, String> start() {
        simulator = EakteSimulator.start(0);
        return Map.of("quarkus.rest-client.eakte.url", simulator.baseUrl());
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.stop();
        }
    }
}
