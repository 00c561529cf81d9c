package de.jobcenter.postfach.outlook.correlation;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ReplyCorrelationRepository implements PanacheRepositoryBase<ReplyCorrelation, UUID> {

    /**
     * Records the correlation of a mail about to be sent, unless a redelivery of the same message already did; and
     * returns the stored row, which says whether the mail already went out.
     */
    @Transactional
    public ReplyCorrelation recordIfAbsent(ReplyCorrelation row) {
        getEntityManager()
                .createNativeQuery("""
                        insert into reply_correlation (message_id, conversation_id, office_id, customer_id,
                                                       customer_number, concern, mailbox, token, mail_message_id,
                                                       created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                        on conflict (message_id) do nothing
                        """)
                .setParameter(1, row.messageId)
                .setParameter(2, row.conversationId)
                .setParameter(3, row.officeId)
                .setParameter(4, row.customerId)
                .setParameter(5, row.customerNumber)
                .setParameter(6, row.concern)
                .setParameter(7, row.mailbox)
                .setParameter(8, row.token)
                .setParameter(9, row.mailMessageId)
                .setParameter(10, row.createdAt)
                .executeUpdate();
        return findById(row.messageId);
    }

    @Transactional
    public void markMailed(UUID messageId, Instant at) {
        update("mailedAt = ?1 where messageId = ?2 and mailedAt is null", at, messageId);
    }

    /** The mails of a conversation's token, newest first. */
    @Transactional
    public List<ReplyCorrelation> findByToken(String token) {
        return list("token", Sort.descending("createdAt"), token);
    }

    /** The first of the given Message-IDs the adapter sent, in the order given. */
    @Transactional
    public Optional<ReplyCorrelation> findFirstByMailMessageIds(Collection<String> mailMessageIds) {
        if (mailMessageIds.isEmpty()) {
            return Optional.empty();
        }
        List<ReplyCorrelation> found = list("mailMessageId in ?1", mailMessageIds);
        for (String id : mailMessageIds) {
            for (ReplyCorrelation row : found) {
                if (row.mailMessageId.equals(id)) {
                    return Optional.of(row);
                }
            }
        }
        return Optional.empty();
    }
}
