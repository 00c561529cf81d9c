package de.jobcenter.postfach.config.change;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ChangeRequestRepository implements PanacheRepositoryBase<ChangeRequest, UUID> {

    /** The office's one open change, if any. */
    public Optional<ChangeRequest> open(String officeId) {
        return find("officeId = ?1 and state in ?2", officeId, ChangeState.OPEN).firstResultOptional();
    }

    /** The approved (or held) changes of these offices, at most one each, which the next rollout activates. */
    public List<ChangeRequest> awaitingRollout(Collection<String> officeIds) {
        return officeIds.isEmpty()
                ? List.of()
                : list("officeId in ?1 and state in ?2", officeIds, ChangeState.AWAITING_ROLLOUT);
    }

    public Optional<ChangeRequest> inOffice(String officeId, UUID changeId) {
        return find("officeId = ?1 and changeId = ?2", officeId, changeId).firstResultOptional();
    }

    /** Every change of the office, newest first. */
    public List<ChangeRequest> ofOffice(String officeId) {
        return list("officeId", Sort.descending("createdAt"), officeId);
    }

    /** The open changes of these offices. */
    public List<ChangeRequest> openIn(Collection<String> officeIds) {
        return officeIds.isEmpty()
                ? List.of()
                : list("officeId in ?1 and state in ?2", Sort.ascending("officeId"), officeIds, ChangeState.OPEN);
    }

    /** Submitted changes waiting for a review, oldest first. */
    public List<ChangeRequest> submitted() {
        return list("state", Sort.ascending("submittedAt"), ChangeState.SUBMITTED);
    }
}
