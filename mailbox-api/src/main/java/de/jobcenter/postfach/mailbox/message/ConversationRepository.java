package de.jobcenter.postfach.mailbox.message;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ConversationRepository implements PanacheRepositoryBase<Conversation, UUID> {

    /** The conversation if it is this customer's; someone else's id finds nothing. */
    public Optional<Conversation> findOwned(String customerId, UUID conversationId) {
        return find("conversationId = ?1 and customerId = ?2", conversationId, customerId)
                .firstResultOptional();
    }
}
