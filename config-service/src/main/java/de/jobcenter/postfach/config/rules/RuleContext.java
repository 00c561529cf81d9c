package de.jobcenter.postfach.config.rules;

import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.office.ServiceCenterContract;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * What the plausibility rules compare a configuration with.
 *
 * @param allowedMailDomains domains an Outlook mailbox may belong to
 * @param contract the office's service-center contract, or {@code null}
 * @param effectiveOn the date the configuration would take effect: the next rollout, or the rollout's own date
 */
public record RuleContext(
        Catalogue catalogue, Set<String> allowedMailDomains, ServiceCenterContract contract, LocalDate effectiveOn) {

    public RuleContext {
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(allowedMailDomains, "allowedMailDomains");
        Objects.requireNonNull(effectiveOn, "effectiveOn");
        allowedMailDomains = Set.copyOf(allowedMailDomains);
    }
}
