package de.jobcenter.postfach.config.rules;

import de.jobcenter.postfach.config.catalogue.CatalogueEntry;
import de.jobcenter.postfach.config.office.ServiceCenterContract;
import de.jobcenter.postfach.contracts.FallbackReason;
import de.jobcenter.postfach.contracts.RouteRef;

/**
 * „A message with concern X to office Y would go to …“: what the customer sees for a concern and where a message
 * would go under a configuration, including the fallback route and online flows.
 *
 * @param outcome what the customer experiences
 * @param route where a message with this concern would go (the fallback route when the concern has none)
 * @param fallbackReason why the fallback route would be used, or {@code null}
 * @param redirectUrl for an offered online flow: where the customer is sent
 * @param text the whole answer as a German sentence
 */
public record RoutePreview(
        String concern,
        String label,
        Outcome outcome,
        RouteRef route,
        FallbackReason fallbackReason,
        String redirectUrl,
        String text) {

    public enum Outcome {
        /** The customer writes a message; it goes to the concern's channel. */
        MESSAGE,
        /** The customer is redirected to an online flow instead of writing. */
        REDIRECT,
        /** The concern is not offered; the customer sees the hint text. */
        NOT_OFFERED
    }

    public static RoutePreview of(
            String officeId,
            String officeName,
            CatalogueEntry entry,
            OfficeConfiguration configuration,
            ServiceCenterContract contract) {
        ConcernSetting setting = configuration.concern(entry.code()).orElse(null);
        RouteRef fallback = Routes.fallbackRoute(officeId, configuration.fallbackRoute());
        String label = "„" + entry.label() + "“";
        boolean offered = setting != null && setting.isOffered();
        if (!offered) {
            return new RoutePreview(
                    entry.code(),
                    entry.label(),
                    Outcome.NOT_OFFERED,
                    fallback,
                    FallbackReason.CONCERN_NOT_OFFERED,
                    null,
                    "Das Anliegen " + label + " wird bei " + officeName
                            + " nicht angeboten; Kundinnen und Kunden sehen den Hinweistext. Eine dennoch eingehende"
                            + " Nachricht ginge an die Ausweichroute: " + Routes.describe(fallback) + ".");
        }
        if (entry.isOnlineFlow()) {
            return new RoutePreview(
                    entry.code(),
                    entry.label(),
                    Outcome.REDIRECT,
                    fallback,
                    FallbackReason.ONLINE_FLOW,
                    entry.redirectUrl(),
                    label + " ist eine Online-Strecke: Kundinnen und Kunden werden zu " + entry.redirectUrl()
                            + " weitergeleitet. Eine dennoch eingehende Nachricht ginge an die Ausweichroute: "
                            + Routes.describe(fallback) + ".");
        }
        RouteRef route = Routes.concernRoute(officeId, entry, setting, contract);
        if (route == null) {
            return new RoutePreview(
                    entry.code(),
                    entry.label(),
                    Outcome.MESSAGE,
                    fallback,
                    FallbackReason.CONCERN_NOT_OFFERED,
                    null,
                    "Für " + label + " ist kein nutzbarer Eingangskanal eingestellt; eine Nachricht an " + officeName
                            + " ginge an die Ausweichroute: " + Routes.describe(fallback) + ".");
        }
        return new RoutePreview(
                entry.code(),
                entry.label(),
                Outcome.MESSAGE,
                route,
                null,
                null,
                "Eine Nachricht mit dem Anliegen " + label + " an " + officeName + " ginge an " + Routes.describe(route)
                        + ".");
    }
}
