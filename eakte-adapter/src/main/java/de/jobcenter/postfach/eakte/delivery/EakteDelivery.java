package de.jobcenter.postfach.eakte.delivery;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.MessageRouted;
import de.jobcenter.postfach.kit.adapter.ChannelDelivery;
import de.jobcenter.postfach.kit.adapter.DeliveryOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** One attempt to file a routed message in E-AKTE, keyed by its message id. 2xx or 409 (filed before) is done. */
@ApplicationScoped
public class EakteDelivery implements ChannelDelivery {
    @Inject
    @RestClient
    EakteClient eakte;

    @Override
    public Channel channel() {
        return Channel.EAKTE;
    }

    @Override
    public DeliveryOutcome attempt(MessageRouted message) {
        try (Response response =
                eakte.fileIncomingDocument(message.messageId().toString(), IncomingDocument.of(message))) {
            return DeliveryOutcome.forHttpStatus(response.getStatus());
        } catch (ProcessingException e) {
            return DeliveryOutcome.transientFailure(e.getClass().getSimpleName());
        }
    }
}
