package de.jobcenter.postfach.notification.infomail;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class InfoMailRepository implements PanacheRepositoryBase<InfoMail, UUID> {

    /**
     * Records a first decision unless the message has one already (a redelivered or concurrently processed event).
     *
     * @return whether this call recorded it
     */
    public boolean insertIfAbsent(InfoMail m) {
        int inserted = getEntityManager()
                .createNativeQuery("""
                        insert into info_mail (message_id, customer_id, state, covered_by, decided_at, sent_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (message_id) do nothing
                        """)
                .setParameter(1, m.messageId)
                .setParameter(2, m.customerId)
                .setParameter(3, m.state.name())
                .setParameter(4, m.coveredBy)
                .setParameter(5, m.decidedAt)
                .setParameter(6, m.sentAt)
                .executeUpdate();
        return inserted == 1;
    }

    /** The customer's most recent info e-mail that the SMTP server accepted. */
    public Optional<InfoMail> lastSentTo(String customerId) {
        return find("customerId = ?1 and state = ?2 order by sentAt desc, messageId", customerId, InfoMailState.SENT)
                .firstResultOptional();
    }

    public long forgetCustomer(String customerId) {
        return delete("customerId", customerId);
    }

    public long deleteDecidedBefore(Instant cutoff) {
        return delete("decidedAt < ?1", cutoff);
    }
}
