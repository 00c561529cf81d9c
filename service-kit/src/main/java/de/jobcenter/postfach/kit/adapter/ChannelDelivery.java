package de.jobcenter.postfach.kit.adapter;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.MessageRouted;

/**
 * What an adapter adds to the shared delivery shape: one attempt to hand a routed message to its target,
 * with the message id as idempotency key. Everything around it (retries, status, dead letters) is shared.
 */
public interface ChannelDelivery {
    Channel channel();

    DeliveryOutcome attempt(MessageRouted message);
}
