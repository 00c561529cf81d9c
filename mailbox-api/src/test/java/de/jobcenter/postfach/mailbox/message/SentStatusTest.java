package de.jobcenter.postfach.mailbox.message;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.contracts.DeliveryStatus;
import org.junit.jupiter.api.Test;

/** A sent message's status only moves forward; a replayed FAILED message may still become DELIVERED. */
class SentStatusTest {

    @Test
    void movesForwardAlongTheDeliveryPath() {
        assertThat(SentStatus.SUBMITTED.after(DeliveryStatus.ROUTED)).hasValue(SentStatus.ROUTED);
        assertThat(SentStatus.ROUTED.after(DeliveryStatus.DELIVERED)).hasValue(SentStatus.DELIVERED);
        assertThat(SentStatus.ROUTED.after(DeliveryStatus.FAILED)).hasValue(SentStatus.FAILED);
        assertThat(SentStatus.SUBMITTED.after(DeliveryStatus.DELIVERED)).hasValue(SentStatus.DELIVERED);
    }

    @Test
    void neverMovesBack() {
        assertThat(SentStatus.DELIVERED.after(DeliveryStatus.ROUTED)).isEmpty();
        assertThat(SentStatus.DELIVERED.after(DeliveryStatus.FAILED)).isEmpty();
        assertThat(SentStatus.FAILED.after(DeliveryStatus.ROUTED)).isEmpty();
        assertThat(SentStatus.ROUTED.after(DeliveryStatus.ROUTED)).isEmpty();
    }

    @Test
    void aFailedMessageThatIsReplayedMayStillBeDelivered() {
        assertThat(SentStatus.FAILED.after(DeliveryStatus.DELIVERED)).hasValue(SentStatus.DELIVERED);
    }

    @Test
    void archivedIsRecordedBesideTheStatusNotAsOne() {
        for (SentStatus status : SentStatus.values()) {
            assertThat(status.after(DeliveryStatus.ARCHIVED)).isEmpty();
        }
    }
}
