package de.jobcenter.postfach.mailbox.message;

import de.jobcenter.postfach.mailbox.persistence.PlainSql;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ConversationRepository implements PanacheRepositoryBase<Conversation, UUID> {
    @Inject
    PlainSql sql;

    /** Stores a conversation a customer starts, in the caller's transaction; the object stays unmanaged. */
    public void insert(Conversation c) {
        sql.update(
                "insert into conversation (conversation_id, customer_id, office_id, concern, started_at)"
                        + " values (?, ?, ?, ?, ?)",
                c.conversationId,
                c.customerId,
                c.officeId,
                c.concern,
                c.startedAt);
    }

    /** The conversation if it is this customer's; someone else's id finds nothing. */
    public Optional<Conversation> findOwned(String customerId, UUID conversationId) {
        return find("conversationId = ?1 and customerId = ?2", conversationId, customerId)
                .firstResultOptional();
    }
}
