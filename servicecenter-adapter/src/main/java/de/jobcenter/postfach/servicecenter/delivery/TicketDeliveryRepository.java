package de.jobcenter.postfach.servicecenter.delivery;

import de.jobcenter.postfach.contracts.MessageRouted;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class TicketDeliveryRepository implements PanacheRepositoryBase<TicketDelivery, UUID> {

    /** Records a message before its first delivery attempt; a redelivered record changes nothing. */
    @Transactional
    public void remember(MessageRouted message, Instant now) {
        getEntityManager()
                .createNativeQuery("""
                        insert into ticket_delivery
                            (message_id, office_id, conversation_id, customer_id, customer_number, recorded_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (message_id) do nothing
                        """)
                .setParameter(1, message.messageId())
                .setParameter(2, message.officeId())
                .setParameter(3, message.conversationId())
                .setParameter(4, message.customerId())
                .setParameter(5, message.customerNumber())
                .setParameter(6, now)
                .executeUpdate();
    }
}
