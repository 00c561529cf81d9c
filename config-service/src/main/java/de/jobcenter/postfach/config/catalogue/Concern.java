package de.jobcenter.postfach.config.catalogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One concern of the catalogue customers pick from („Anliegensart“). */
@Entity
@Table(name = "concern")
public class Concern {
    @Id
    public String code;

    @Column(nullable = false)
    public short position;

    @Column(nullable = false)
    public String label;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConcernKind kind;

    @Column(name = "redirect_url")
    public String redirectUrl;

    @Column(name = "payment_relevant_default", nullable = false)
    public boolean paymentRelevantDefault;

    @Column(name = "always_offered", nullable = false)
    public boolean alwaysOffered;

    public CatalogueEntry toEntry() {
        return new CatalogueEntry(code, label, kind, redirectUrl, paymentRelevantDefault, alwaysOffered);
    }
}
