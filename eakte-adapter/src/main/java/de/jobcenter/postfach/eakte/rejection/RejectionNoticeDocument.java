package de.jobcenter.postfach.eakte.rejection;

import de.jobcenter.postfach.contracts.RejectionReason;
import de.jobcenter.postfach.contracts.StaffMessageRejected;
import de.jobcenter.postfach.contracts.Uuids;
import de.jobcenter.postfach.kit.adapter.RejectionNotice;
import java.time.Instant;
import java.util.UUID;

/**
 * A notice to the office in E-AKTE that a staff message from E-AKTE could not be filed in the customer's mailbox:
 * an incoming document of type {@value #TYPE} that names the message (by the id the adapter answered E-AKTE with)
 * and the reason, so E-AKTE's rule set can put it before the staff member who sent it. It carries no content.
 */
public record RejectionNoticeDocument(
        UUID documentId,
        String documentType,
        String officeId,
        UUID relatesTo,
        RejectionReason rejectionReason,
        String concern,
        String subject,
        String body,
        Instant receivedAt) {

    public static final String TYPE = "STAFF_MESSAGE_REJECTED";

    static RejectionNoticeDocument of(StaffMessageRejected rejection) {
        return new RejectionNoticeDocument(
                Uuids.v5(Uuids.NAMESPACE, "rejection-notice:" + rejection.messageId()),
                TYPE,
                rejection.officeId(),
                rejection.messageId(),
                rejection.reason(),
                "OTHER",
                "Postfach: Nachricht nicht zugestellt",
                RejectionNotice.explanation(rejection) + "\n\nNachrichten-ID im Postfach: " + rejection.messageId(),
                rejection.at());
    }

    /** {@code <messageId>:REJECTED}: one notice per rejected message. */
    static String idempotencyKey(StaffMessageRejected rejection) {
        return rejection.messageId() + ":REJECTED";
    }
}
