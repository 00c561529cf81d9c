package de.jobcenter.postfach.config.catalogue;

import java.util.Objects;

/**
 * One concern of the catalogue as the rules see it.
 *
 * @param redirectUrl for an online flow: where the customer is sent instead of writing
 * @param alwaysOffered the concern cannot be switched off ({@code OTHER})
 */
public record CatalogueEntry(
        String code,
        String label,
        ConcernKind kind,
        String redirectUrl,
        boolean paymentRelevantDefault,
        boolean alwaysOffered) {

    public CatalogueEntry {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
    }

    public boolean isOnlineFlow() {
        return kind == ConcernKind.ONLINE_FLOW;
    }
}
