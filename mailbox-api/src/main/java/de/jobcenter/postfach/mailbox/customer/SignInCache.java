package de.jobcenter.postfach.mailbox.customer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.jobcenter.postfach.mailbox.config.MailboxConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this instance last recorded of each customer's sign-in: customer number, verified e-mail and last seen, as
 * committed. A sign-in whose claims match a remembered entry that is still within the last-seen precision needs no
 * database call: the row would be found up to date (ADR 10).
 *
 * <p>Entries are added only after the transaction that read or wrote the row committed, and dropped after any
 * transaction of this instance that changes or deletes a customer completes. A global generation counter keeps a
 * sign-in that read the row before such a change from remembering what it read: it is bumped before entries are
 * dropped, and an entry added under an older generation is dropped again.
 */
@ApplicationScoped
public class SignInCache {
    /** The customer's row as a sign-in transaction left it. */
    public record Seen(String customerNumber, String email, Instant lastSeenAt) {}

    private final Cache<String, Seen> seen;
    private final AtomicLong generation = new AtomicLong();
    private final TransactionSynchronizationRegistry transactions;

    @Inject
    SignInCache(MailboxConfig config, TransactionSynchronizationRegistry transactions) {
        this(
                config.customers().signInCache().maxSize(),
                config.customers().signInCache().expiry(),
                transactions);
    }

    SignInCache(long maxSize, Duration expiry, TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        this.seen = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfterWrite(expiry)
                .executor(Runnable::run) // maintenance in the caller: no work left on the common pool
                .build();
    }

    /**
     * Whether this instance recorded exactly these claims for the customer, seen no earlier than {@code seenSince}:
     * then a sign-in would change nothing.
     */
    public boolean upToDate(
            String customerId, Optional<String> customerNumber, Optional<String> verifiedEmail, Instant seenSince) {
        Seen entry = seen.getIfPresent(customerId);
        return entry != null
                && customerNumber.map(n -> n.equals(entry.customerNumber())).orElse(true)
                && verifiedEmail.map(e -> Objects.equals(e, entry.email())).orElse(true)
                && !entry.lastSeenAt().isBefore(seenSince);
    }

    /** To be taken before the sign-in transaction starts and handed to {@link #remember}. */
    public long generation() {
        return generation.get();
    }

    /** Remembers the row as a committed sign-in transaction left it, unless a change completed meanwhile. */
    public void remember(long generationBefore, String customerId, Seen row) {
        seen.put(customerId, row);
        if (generation.get() != generationBefore) {
            seen.invalidate(customerId); // a change may have completed after the read: not worth the risk
        }
    }

    /** Forgets the customer once the current transaction (if any) has completed, whether it committed or not. */
    public void forgetAfterCompletion(String customerId) {
        afterCompletion(() -> seen.invalidate(customerId));
    }

    /** Forgets every other customer remembered with this number once the current transaction has completed. */
    public void forgetNumberAfterCompletion(String customerNumber, String newOwner) {
        afterCompletion(() -> seen.asMap()
                .entrySet()
                .removeIf(e -> customerNumber.equals(e.getValue().customerNumber())
                        && !e.getKey().equals(newOwner)));
    }

    private void afterCompletion(Runnable forget) {
        if (transactions.getTransactionKey() == null || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            generation.incrementAndGet();
            forget.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before the commit: the row is not changed yet for other transactions
            }

            @Override
            public void afterCompletion(int status) {
                generation.incrementAndGet();
                forget.run();
            }
        });
    }
}
