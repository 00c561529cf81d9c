package de.jobcenter.postfach.mailbox.retention;

import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import de.jobcenter.postfach.mailbox.config.MailboxConfig;
import de.jobcenter.postfach.mailbox.customer.SignInCache;
import de.jobcenter.postfach.mailbox.metrics.MailboxMetrics;
import de.jobcenter.postfach.mailbox.outbox.Outbox;
import de.jobcenter.postfach.mailbox.staff.StaffMessageService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Retention and housekeeping, one instance per cluster at a time (a PostgreSQL advisory lock per batch):
 *
 * <ul>
 *   <li>messages older than {@code postfach.retention.messages} are purged, deleted ones
 *       {@code postfach.retention.deleted-messages} after the deletion; conversations left empty go with them;
 *   <li>a customer without messages who has not signed in for {@code postfach.retention.inactive-customers} is
 *       forgotten, and a tombstone on {@code postfach.notification-preferences} tells notification-service;
 *   <li>idempotency keys older than {@code postfach.idempotency.keep}, published outbox rows older than
 *       {@code postfach.outbox.keep-published} are deleted;
 *   <li>staff messages held for an unknown customer number longer than {@code postfach.customers.pending-expiry}
 *       are rejected ({@code CUSTOMER_PENDING_EXPIRED}).
 * </ul>
 *
 * Every step deletes in batches of {@code postfach.retention.batch-size}, each in its own transaction.
 */
@ApplicationScoped
public class HousekeepingService {
    private static final Logger LOG = Logger.getLogger(HousekeepingService.class);
    private static final long HOUSEKEEPING_LOCK = 0x706f737466616369L; // "postfaci"

    @Inject
    EntityManager em;

    @Inject
    MailboxConfig config;

    @Inject
    Outbox outbox;

    @Inject
    StaffMessageService staffMessages;

    @Inject
    MailboxMetrics metrics;

    @Inject
    SignInCache signIns;

    @Inject
    Clock clock;

    @Scheduled(
            identity = "mailbox-housekeeping",
            every = "${postfach.retention.every:1h}",
            delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warnf("Housekeeping failed; it runs again at the next interval: %s", SafeThrowables.describe(e));
        }
    }

    /** One complete pass. Returns how many rows each step removed (or rejected), by step name. */
    public Map<String, Long> runOnce() {
        Instant now = clock.instant();
        Instant messagesBefore = now.minus(config.retention().messages());
        Instant deletedBefore = now.minus(config.retention().deletedMessages());
        Instant inactiveBefore = now.minus(config.retention().inactiveCustomers());
        Instant keysBefore = now.minus(config.idempotency().keep());
        Instant outboxBefore = now.minus(config.outbox().keepPublished());
        Instant pendingBefore = now.minus(config.customers().pendingExpiry());

        Map<String, Long> done = new LinkedHashMap<>();
        done.put("messages", repeat(limit -> delete("""
                delete from mailbox_message where message_id in (
                    select message_id from mailbox_message
                     where created_at < ?1 or deleted_at < ?2
                     limit ?3)
                """, messagesBefore, deletedBefore, limit)));
        done.put("conversations", repeat(limit -> delete("""
                delete from conversation where conversation_id in (
                    select c.conversation_id from conversation c
                     where not exists (select 1 from mailbox_message m where m.conversation_id = c.conversation_id)
                     limit ?1)
                """, limit)));
        done.put("customers", repeat(this::forgetInactiveCustomers, inactiveBefore));
        done.put("idempotency-keys", repeat(limit -> delete("""
                delete from idempotency_key where (customer_id, idempotency_key) in (
                    select customer_id, idempotency_key from idempotency_key where created_at < ?1 limit ?2)
                """, keysBefore, limit)));
        done.put("outbox", repeat(limit -> delete("""
                delete from outbox_event where id in (
                    select id from outbox_event where published_at < ?1 limit ?2)
                """, outboxBefore, limit)));
        done.put("pending-staff-messages", repeat(limit -> (long) staffMessages.expireHeld(pendingBefore, limit)));
        done.forEach(metrics::purged);
        if (done.values().stream().anyMatch(n -> n > 0)) {
            LOG.infof("Housekeeping removed %s", done);
        }
        return done;
    }

    private long forgetInactiveCustomers(Instant inactiveBefore, int limit) {
        @SuppressWarnings("unchecked")
        List<String> forgotten = em.createNativeQuery("""
                        delete from customer where customer_id in (
                            select c.customer_id from customer c
                             where c.last_seen_at < ?1
                               and not exists (select 1 from mailbox_message m where m.customer_id = c.customer_id)
                               and not exists (select 1 from conversation v where v.customer_id = c.customer_id)
                             limit ?2)
                        returning customer_id
                        """)
                .setParameter(1, inactiveBefore)
                .setParameter(2, limit)
                .getResultList();
        forgotten.forEach(customerId -> {
            outbox.tombstone(Topics.NOTIFICATION_PREFERENCES, customerId);
            signIns.forgetAfterCompletion(customerId); // signing in again creates the row again
        });
        return forgotten.size();
    }

    private long delete(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.executeUpdate();
    }

    /** Runs one batch per transaction until a batch removes fewer than the batch size, or another instance works. */
    private long repeat(Function<Integer, Long> step) {
        int batch = config.retention().batchSize();
        long total = 0;
        while (true) {
            Long removed = QuarkusTransaction.requiringNew().call(() -> {
                Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                        .setParameter(1, HOUSEKEEPING_LOCK)
                        .getSingleResult();
                return locked ? step.apply(batch) : null;
            });
            if (removed == null) {
                return total; // another instance is at work
            }
            total += removed;
            if (removed < batch) {
                return total;
            }
        }
    }

    private long repeat(BiFunction<Instant, Integer, Long> step, Instant cutoff) {
        return repeat(limit -> step.apply(cutoff, limit));
    }
}
