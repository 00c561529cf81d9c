package de.jobcenter.postfach.config.rules;

import de.jobcenter.postfach.config.catalogue.CatalogueEntry;
import de.jobcenter.postfach.config.office.ServiceCenterContract;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.RouteRef;

/** The routes a configuration gives, as the routing service will use them. */
public final class Routes {
    private Routes() {}

    /**
     * Where messages of a concern go: for an offered message concern its channel; none for an online flow, a concern
     * not offered, or a service-center route without a contract (the routing then uses the fallback route).
     */
    public static RouteRef concernRoute(
            String officeId, CatalogueEntry entry, ConcernSetting setting, ServiceCenterContract contract) {
        if (entry.isOnlineFlow() || setting == null || !setting.isOffered() || setting.channel() == null) {
            return null;
        }
        return switch (setting.channel()) {
            case EAKTE -> RouteRef.eakte(officeId);
            case OUTLOOK ->
                setting.outlookMailbox() == null ? null : RouteRef.outlook(officeId, setting.outlookMailbox());
            case SERVICE_CENTER ->
                contract == null ? null : RouteRef.serviceCenter(officeId, contract.serviceCenterId());
        };
    }

    /** The office's fallback route; E-AKTE unless an Outlook mailbox is configured. */
    public static RouteRef fallbackRoute(String officeId, FallbackRoute fallback) {
        if (fallback != null && fallback.channel() == Channel.OUTLOOK && fallback.outlookMailbox() != null) {
            return RouteRef.outlook(officeId, fallback.outlookMailbox());
        }
        return RouteRef.eakte(officeId);
    }

    /** A route as people read it: „die E-AKTE der Dienststelle“, „das Outlook-Postfach …“. */
    public static String describe(RouteRef route) {
        return switch (route.channel()) {
            case EAKTE -> "die E-AKTE der Dienststelle";
            case OUTLOOK -> "das Outlook-Postfach " + route.outlookMailbox();
            case SERVICE_CENTER -> "den Service Center (" + route.serviceCenterId() + ")";
        };
    }
}
