package de.jobcenter.postfach.mailbox.status;

import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.mailbox.message.Direction;
import de.jobcenter.postfach.mailbox.message.MailboxMessage;
import de.jobcenter.postfach.mailbox.message.MessageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Moves a sent message's status forward; a status that would move it back is ignored. */
@ApplicationScoped
public class DeliveryStatusService {
    @Inject
    MessageRepository messages;

    @Transactional
    public void apply(DeliveryStatusChanged event) {
        MailboxMessage message = messages.findById(event.messageId());
        if (message == null || message.direction != Direction.SENT || message.status == null) {
            return;
        }
        message.status.after(event.status()).ifPresent(next -> message.status = next);
    }
}
