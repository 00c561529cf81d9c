package de.jobcenter.postfach.config.change;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ChangeReviewRepository implements PanacheRepositoryBase<ChangeReview, Long> {
    public List<ChangeReview> ofChange(UUID changeId) {
        return list("changeId", Sort.ascending("reviewedAt").and("id"), changeId);
    }
}
