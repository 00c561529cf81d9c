package de.jobcenter.postfach.config.version;

import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.catalogue.CatalogueEntry;
import de.jobcenter.postfach.config.office.Office;
import de.jobcenter.postfach.config.rules.OfficeConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The version and configuration an office has active now. */
@ApplicationScoped
public class ActiveConfigurations {
    @Inject
    OfficeVersionRepository versions;

    public OfficeVersion activeVersion(Office office) {
        return versions.find(office.officeId, office.activeVersion)
                .orElseThrow(() -> new IllegalStateException("active version missing"));
    }

    public OfficeConfiguration active(Office office, Catalogue catalogue) {
        return activeVersion(office).configuration(order(catalogue));
    }

    public static List<String> order(Catalogue catalogue) {
        return catalogue.entries().stream().map(CatalogueEntry::code).toList();
    }
}
