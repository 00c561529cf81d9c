package de.jobcenter.postfach.outlook.rejection;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class RejectionNoticeRepository implements PanacheRepositoryBase<RejectionNotice, UUID> {

    @Transactional
    public boolean wasSent(UUID staffMessageId) {
        return findByIdOptional(staffMessageId).isPresent();
    }

    @Transactional
    public void recordSent(UUID staffMessageId, String mailbox, Instant at) {
        getEntityManager()
                .createNativeQuery("""
                        insert into rejection_notice (staff_message_id, mailbox, sent_at) values (?1, ?2, ?3)
                        on conflict (staff_message_id) do nothing
                        """)
                .setParameter(1, staffMessageId)
                .setParameter(2, mailbox)
                .setParameter(3, at)
                .executeUpdate();
    }
}
