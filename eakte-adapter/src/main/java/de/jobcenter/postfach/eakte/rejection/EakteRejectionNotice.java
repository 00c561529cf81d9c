package de.jobcenter.postfach.eakte.rejection;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.StaffMessageRejected;
import de.jobcenter.postfach.eakte.delivery.EakteClient;
import de.jobcenter.postfach.kit.adapter.DeliveryOutcome;
import de.jobcenter.postfach.kit.adapter.RejectionNotice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Tells the office in E-AKTE that a staff message could not be filed: a notice document, once per message. */
@ApplicationScoped
public class EakteRejectionNotice implements RejectionNotice {
    @Inject
    @RestClient
    EakteClient eakte;

    @Override
    public Channel channel() {
        return Channel.EAKTE;
    }

    @Override
    public DeliveryOutcome attempt(StaffMessageRejected rejection) {
        try (Response response = eakte.fileRejectionNotice(
                RejectionNoticeDocument.idempotencyKey(rejection), RejectionNoticeDocument.of(rejection))) {
            return DeliveryOutcome.forHttpStatus(response.getStatus());
        } catch (ProcessingException e) {
            return DeliveryOutcome.transientFailure(e.getClass().getSimpleName());
        }
    }
}
