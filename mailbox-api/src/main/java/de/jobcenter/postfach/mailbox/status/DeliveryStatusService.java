package de.jobcenter.postfach.mailbox.status;

import de.jobcenter.postfach.contracts.DeliveryStatus;
import de.jobcenter.postfach.contracts.DeliveryStatusChanged;
import de.jobcenter.postfach.mailbox.message.Direction;
import de.jobcenter.postfach.mailbox.message.MailboxMessage;
import de.jobcenter.postfach.mailbox.message.MessageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.temporal.ChronoUnit;

/**
 * Moves a sent message's status forward; a status that would move it back is ignored, so a redelivered or late
 * event changes nothing. ARCHIVED is recorded beside the status.
 */
@ApplicationScoped
public class DeliveryStatusService {
    @Inject
    MessageRepository messages;

    @Transactional
    public void apply(DeliveryStatusChanged event) {
        MailboxMessage message = messages.findById(event.messageId());
        if (message == null) {
            return;
        }
        if (event.status() == DeliveryStatus.ARCHIVED) {
            if (message.archivedAt == null) {
                message.archivedAt = event.at().truncatedTo(ChronoUnit.MICROS);
            }
            return;
        }
        if (message.direction != Direction.SENT || message.status == null) {
            return;
        }
        message.status.after(event.status()).ifPresent(next -> message.status = next);
    }
}
