package de.jobcenter.postfach.kit.officeconfig;

import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The active configuration of every office, as far as this instance has read it. A configuration replaces the
 * held one only if its version is higher, so a late or replayed record never rolls an office back.
 */
public class OfficeConfigurations {
    private final Map<String, OfficeConfigurationActivated> byOffice = new ConcurrentHashMap<>();

    /** @return whether the configuration was newer than the held one and now replaces it */
    public boolean apply(OfficeConfigurationActivated configuration) {
        boolean[] applied = {false};
        byOffice.compute(configuration.officeId(), (id, held) -> {
            if (held == null || configuration.version() > held.version()) {
                applied[0] = true;
                return configuration;
            }
            return held;
        });
        return applied[0];
    }

    /** An office that was deleted at the source (a tombstone on the compacted topic). */
    public void forget(String officeId) {
        byOffice.remove(officeId);
    }

    public Optional<OfficeConfigurationActivated> find(String officeId) {
        return Optional.ofNullable(byOffice.get(officeId));
    }

    public Collection<OfficeConfigurationActivated> all() {
        return List.copyOf(byOffice.values());
    }

    public int size() {
        return byOffice.size();
    }
}
