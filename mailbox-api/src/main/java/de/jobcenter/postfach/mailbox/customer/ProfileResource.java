package de.jobcenter.postfach.mailbox.customer;

import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.mailbox.office.OfficeDirectory;
import de.jobcenter.postfach.mailbox.security.CurrentCustomer;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signed-in customer's profile and info e-mail opt-in. */
@Path("/api/v1/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Profil")
public class ProfileResource {
    @Inject
    CustomerService customers;

    @Inject
    CurrentCustomer customer;

    @Inject
    OfficeDirectory offices;

    @GET
    @Operation(
            operationId = "getProfile",
            summary = "Das eigene Profil: Kennung, vorausgewählte Dienststelle, Info-E-Mails")
    @APIResponse(responseCode = "200", description = "Das Profil")
    public ProfileViews.Profile profile() {
        Customer record = customers.get(customer.id());
        String preselected = customer.currentOffice()
                .filter(office -> offices.findLive(office).isPresent())
                .orElse(null);
        return new ProfileViews.Profile(
                record.customerId,
                customer.customerNumber().orElse(record.customerNumber),
                preselected,
                ProfileViews.Notifications.of(record));
    }

    @PUT
    @Path("/notifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "setNotifications",
            summary = "Info-E-Mails bei neuen Nachrichten ein- oder ausschalten",
            description = "Einschalten setzt eine bestätigte E-Mail-Adresse im Token voraus (email, email_verified).")
    @APIResponse(responseCode = "200", description = "Die neue Einstellung")
    public ProfileViews.Notifications setNotifications(ProfileViews.NotificationsRequest request) {
        if (request == null || request.enabled() == null) {
            throw ProblemException.validation(List.of(new FieldError("enabled", "Bitte true oder false angeben.")));
        }
        return ProfileViews.Notifications.of(
                customers.setNotifications(customer.id(), request.enabled(), customer.verifiedEmail()));
    }
}
