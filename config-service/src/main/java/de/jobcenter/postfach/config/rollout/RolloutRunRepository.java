package de.jobcenter.postfach.config.rollout;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class RolloutRunRepository implements PanacheRepositoryBase<RolloutRun, Long> {
    public List<RolloutRun> latest(int count) {
        return findAll(Sort.descending("id")).page(Page.ofSize(count)).list();
    }
}
