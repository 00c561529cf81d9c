package de.jobcenter.postfach.kit.adapter;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.MessageRouted;
import java.util.Optional;

/**
 * What an adapter adds to the shared delivery shape: one attempt to hand a routed message to its target,
 * with the message id as idempotency key. Everything around it (retries, status, dead letters) is shared.
 */
public interface ChannelDelivery {
    Channel channel();

    DeliveryOutcome attempt(MessageRouted message);

    /**
     * Runs once per record before the first attempt. It may wait for what the adapter needs (its configuration
     * replica), record what the adapter keeps about the delivery, and refuse the message for good: the reason
     * (content-free, e.g. "office X has no service-center contract") becomes the FAILED status's detail and the
     * dead-letter reason. Empty: go ahead.
     */
    default Optional<String> check(MessageRouted message) {
        return Optional.empty();
    }
}
