package de.jobcenter.postfach.config.office;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class OfficeRepository implements PanacheRepositoryBase<Office, String> {

    public List<Office> allInOrder() {
        return listAll(Sort.ascending("officeId"));
    }

    public List<Office> byIds(Collection<String> ids) {
        return ids.isEmpty() ? List.of() : list("officeId in ?1", Sort.ascending("officeId"), ids);
    }

    /** The office, locked for the rest of the transaction: every change of one office is serialised on this row. */
    public Optional<Office> lock(String officeId) {
        return findByIdOptional(officeId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The offices, locked for the rest of the transaction, in office order: rows are locked in that order, so two
     * transactions locking overlapping sets cannot deadlock.
     */
    public List<Office> lockAll(Collection<String> ids) {
        return ids.isEmpty()
                ? List.of()
                : find("officeId in ?1", Sort.ascending("officeId"), ids)
                        .withLock(LockModeType.PESSIMISTIC_WRITE)
                        .list();
    }
}
