package de.jobcenter.postfach.config.publication;

import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.catalogue.CatalogueEntry;
import de.jobcenter.postfach.config.office.ServiceCenterContract;
import de.jobcenter.postfach.config.rules.ConcernSetting;
import de.jobcenter.postfach.config.rules.OfficeConfiguration;
import de.jobcenter.postfach.config.rules.Routes;
import de.jobcenter.postfach.config.version.OfficeVersion;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated.ConcernConfiguration;
import java.util.List;

/**
 * Builds the published record of one office version: the whole configuration, one entry per catalogue concern in
 * catalogue order, so that the latest record on the compacted topic is enough to rebuild a replica.
 */
public final class ActivatedEventMapper {
    private ActivatedEventMapper() {}

    public static OfficeConfigurationActivated toEvent(OfficeVersion version, Catalogue catalogue) {
        List<String> order =
                catalogue.entries().stream().map(CatalogueEntry::code).toList();
        OfficeConfiguration configuration = version.configuration(order);
        ServiceCenterContract contract = version.contract();
        List<ConcernConfiguration> concerns = catalogue.entries().stream()
                .map(entry -> concern(version.officeId, entry, configuration, contract))
                .toList();
        return new OfficeConfigurationActivated(
                version.officeId,
                version.name,
                version.type,
                version.goLiveOn,
                version.suspended,
                version.version,
                version.activatedAt,
                concerns,
                Routes.fallbackRoute(version.officeId, configuration.fallbackRoute()),
                configuration.outlookMailboxes(catalogue),
                contract == null
                        ? null
                        : new OfficeConfigurationActivated.ServiceCenterContract(
                                contract.serviceCenterId(), contract.effectiveFrom()));
    }

    private static ConcernConfiguration concern(
            String officeId, CatalogueEntry entry, OfficeConfiguration configuration, ServiceCenterContract contract) {
        // A concern added to the catalogue after this version was written starts as a new office's would.
        ConcernSetting setting = configuration
                .concern(entry.code())
                .orElse(entry.isOnlineFlow() ? ConcernSetting.offeredOnlineFlow() : ConcernSetting.offeredToEakte());
        return new ConcernConfiguration(
                entry.code(),
                entry.label(),
                setting.isOffered(),
                setting.infoText(),
                setting.hintText(),
                entry.isOnlineFlow() ? entry.redirectUrl() : null,
                setting.effectivePaymentRelevant(entry.paymentRelevantDefault()),
                Routes.concernRoute(officeId, entry, setting, contract));
    }
}
