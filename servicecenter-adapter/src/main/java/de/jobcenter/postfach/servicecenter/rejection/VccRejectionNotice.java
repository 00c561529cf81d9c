package de.jobcenter.postfach.servicecenter.rejection;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.StaffMessageRejected;
import de.jobcenter.postfach.kit.adapter.DeliveryOutcome;
import de.jobcenter.postfach.kit.adapter.RejectionNotice;
import de.jobcenter.postfach.servicecenter.delivery.VccClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Tells the VCC that a staff reply could not be filed, so the staff member sees it at their ticket. */
@ApplicationScoped
public class VccRejectionNotice implements RejectionNotice {
    @Inject
    @RestClient
    VccClient vcc;

    @Override
    public Channel channel() {
        return Channel.SERVICE_CENTER;
    }

    @Override
    public DeliveryOutcome attempt(StaffMessageRejected rejection) {
        try (Response response = vcc.rejectStaffMessage(rejection.messageId(), RejectionNoticeRequest.of(rejection))) {
            return DeliveryOutcome.forHttpStatus(response.getStatus());
        } catch (ProcessingException e) {
            return DeliveryOutcome.transientFailure(e.getClass().getSimpleName());
        }
    }
}
