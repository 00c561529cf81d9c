package de.jobcenter.postfach.servicecenter;

import de.jobcenter.postfach.testing.VccSimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the VCC simulator on a free port and points the adapter's REST client at it. */
public class VccSimulatorResource implements QuarkusTestResourceLifecycleManager {
    static VccSimulator simulator;

    @Override
    public Map<String, String> start() {
        simulator = VccSimulator.start(0);
        return Map.of("quarkus.rest-client.vcc.url", simulator.baseUrl());
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.stop();
        }
    }
}
