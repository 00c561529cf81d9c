package de.jobcenter.postfach.mailbox.customer;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of the sign-in cache, without a database: what counts as up to date, and what forgets an entry. */
class SignInCacheTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant DAY_AGO = NOW.minus(Duration.ofDays(1));

    private final FakeTransactions transactions = new FakeTransactions();
    private final SignInCache cache = new SignInCache(1000, Duration.ofMinutes(15), transactions);

    private void remember(String customer, String number, String email, Instant lastSeen) {
        cache.remember(cache.generation(), customer, new SignInCache.Seen(number, email, lastSeen));
    }

    @Test
    void theSameClaimsSeenWithinTheWindowAreUpToDateAndAbsentClaimsChangeNothing() {
        remember("c1", "123D456789", "kunde@example.org", NOW);

        assertThat(cache.upToDate("c1", Optional.of("123D456789"), Optional.of("kunde@example.org"), DAY_AGO))
                .isTrue();
        assertThat(cache.upToDate("c1", Optional.empty(), Optional.empty(), DAY_AGO))
                .isTrue();
    }

    @Test
    void aChangedClaimAnUnknownCustomerOrAnOldLastSeenIsNotUpToDate() {
        remember("c1", "123D456789", "kunde@example.org", NOW);
        remember("c2", null, null, DAY_AGO.minusSeconds(1));

        assertThat(cache.upToDate("c1", Optional.of("999D999999"), Optional.empty(), DAY_AGO))
                .isFalse();
        assertThat(cache.upToDate("c1", Optional.empty(), Optional.of("neu@example.org"), DAY_AGO))
                .isFalse();
        assertThat(cache.upToDate("c2", Optional.empty(), Optional.empty(), DAY_AGO))
                .as("last seen more than the precision ago: the row needs its last seen written")
                .isFalse();
        assertThat(cache.upToDate("c3", Optional.empty(), Optional.empty(), DAY_AGO))
                .isFalse();
    }

    @Test
    void aSignInThatReadTheRowBeforeAChangeCompletedDoesNotRememberIt() {
        long before = cache.generation();
        cache.forgetAfterCompletion("c1"); // e.g. opting in, completed while the sign-in was running

        cache.remember(before, "c1", new SignInCache.Seen(null, "alt@example.org", NOW));

        assertThat(cache.upToDate("c1", Optional.empty(), Optional.of("alt@example.org"), DAY_AGO))
                .isFalse();
    }

    @Test
    void anEntryIsForgottenOnlyAfterTheChangingTransactionCompleted() {
        remember("c1", null, "kunde@example.org", NOW);
        transactions.active = true;

        cache.forgetAfterCompletion("c1");
        assertThat(cache.upToDate("c1", Optional.empty(), Optional.of("kunde@example.org"), DAY_AGO))
                .as("still the committed state while the change runs")
                .isTrue();

        transactions.complete(Status.STATUS_COMMITTED);
        assertThat(cache.upToDate("c1", Optional.empty(), Optional.of("kunde@example.org"), DAY_AGO))
                .isFalse();
    }

    @Test
    void aNumberTakenOverIsForgottenForEveryOtherHolderButNotForTheNewOwner() {
        remember("old", "123D456789", null, NOW);
        remember("owner", "123D456789", null, NOW);
        remember("unrelated", "555D555555", null, NOW);

        cache.forgetNumberAfterCompletion("123D456789", "owner");

        assertThat(cache.upToDate("old", Optional.of("123D456789"), Optional.empty(), DAY_AGO))
                .isFalse();
        assertThat(cache.upToDate("owner", Optional.of("123D456789"), Optional.empty(), DAY_AGO))
                .isTrue();
        assertThat(cache.upToDate("unrelated", Optional.of("555D555555"), Optional.empty(), DAY_AGO))
                .isTrue();
    }

    /** Just enough of a transaction: active or not, and the synchronizations to run at its end. */
    private static final class FakeTransactions implements TransactionSynchronizationRegistry {
        boolean active;
        final List<Synchronization> synchronizations = new ArrayList<>();

        void complete(int status) {
            active = false;
            synchronizations.forEach(s -> s.afterCompletion(status));
            synchronizations.clear();
        }

        @Override
        public Object getTransactionKey() {
            return active ? this : null;
        }

        @Override
        public void putResource(Object key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object getResource(Object key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            synchronizations.add(sync);
        }

        @Override
        public int getTransactionStatus() {
            return active ? Status.STATUS_ACTIVE : Status.STATUS_NO_TRANSACTION;
        }

        @Override
        public void setRollbackOnly() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }
}
