package de.jobcenter.postfach.outlook.inbound;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class InboundMailRepository implements PanacheRepositoryBase<InboundMail, UUID> {

    @Transactional
    public Optional<InboundMail> find(UUID staffMessageId) {
        return findByIdOptional(staffMessageId);
    }

    /**
     * Records how a mail was handled. A published mail stays published; a refused one read again takes the new
     * outcome (published after its cause was fixed, or refused for another reason).
     */
    @Transactional
    public void record(InboundMail mail) {
        getEntityManager()
                .createNativeQuery("""
                        insert into inbound_mail (staff_message_id, outcome, reason, office_id, conversation_id,
                                                  customer_number, route_mailbox, received_at, processed_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                        on conflict (staff_message_id) do update
                           set outcome = excluded.outcome, reason = excluded.reason, office_id = excluded.office_id,
                               conversation_id = excluded.conversation_id,
                               customer_number = excluded.customer_number, route_mailbox = excluded.route_mailbox,
                               processed_at = excluded.processed_at
                         where inbound_mail.outcome = 'REFUSED'
                        """)
                .setParameter(1, mail.staffMessageId)
                .setParameter(2, mail.outcome.name())
                .setParameter(3, mail.reason == null ? null : mail.reason.name())
                .setParameter(4, mail.officeId)
                .setParameter(5, mail.conversationId)
                .setParameter(6, mail.customerNumber)
                .setParameter(7, mail.routeMailbox)
                .setParameter(8, mail.receivedAt)
                .setParameter(9, mail.processedAt)
                .executeUpdate();
    }
}
