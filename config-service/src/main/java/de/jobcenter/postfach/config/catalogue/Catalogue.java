package de.jobcenter.postfach.config.catalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The concern catalogue in the order customers see it. Every office configures exactly these concerns. */
public final class Catalogue {
    private final Map<String, CatalogueEntry> entries = new LinkedHashMap<>();

    public Catalogue(List<CatalogueEntry> inOrder) {
        inOrder.forEach(e -> entries.put(e.code(), e));
    }

    public List<CatalogueEntry> entries() {
        return List.copyOf(entries.values());
    }

    public Optional<CatalogueEntry> find(String code) {
        return Optional.ofNullable(code == null ? null : entries.get(code));
    }

    public boolean contains(String code) {
        return code != null && entries.containsKey(code);
    }

    public CatalogueEntry get(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException("not a catalogue concern"));
    }
}
