package de.jobcenter.postfach.config.version;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class OfficeVersionRepository implements PanacheRepositoryBase<OfficeVersion, Long> {

    public Optional<OfficeVersion> find(String officeId, long version) {
        return find("officeId = ?1 and version = ?2", officeId, version).firstResultOptional();
    }

    /** The office's versions, newest first. */
    public List<OfficeVersion> history(String officeId) {
        return list("officeId", Sort.descending("version"), officeId);
    }

    /** The active version of every office, in office order. */
    public List<OfficeVersion> activeVersions() {
        return list("from OfficeVersion v where v.version ="
                + " (select o.activeVersion from Office o where o.officeId = v.officeId) order by v.officeId");
    }
}
