package de.jobcenter.postfach.config.catalogue;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class CatalogueRepository implements PanacheRepositoryBase<Concern, String> {
    /** The catalogue in the order customers see it. */
    public List<Concern> inOrder() {
        return listAll(Sort.ascending("position"));
    }

    /** The catalogue as the rules use it. */
    public Catalogue catalogue() {
        return new Catalogue(inOrder().stream().map(Concern::toEntry).toList());
    }
}
