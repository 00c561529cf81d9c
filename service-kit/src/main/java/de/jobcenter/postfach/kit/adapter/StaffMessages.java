package de.jobcenter.postfach.kit.adapter;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.contracts.StaffMessageSent;
import de.jobcenter.postfach.contracts.Uuids;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.kit.text.MessageText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validates a staff message as far as an adapter can and turns it into {@code StaffMessageSent} with a stable
 * message id: the same source id always yields the same id, so a retried call makes no second message.
 */
public final class StaffMessages {
    private static final Pattern SOURCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern OFFICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern CONCERN = Pattern.compile("[A-Z][A-Z_]{0,63}");
    private static final Pattern CUSTOMER_NUMBER = Pattern.compile("[A-Za-z0-9]{1,32}");

    private StaffMessages() {}

    /**
     * Validates without an office check (any syntactically valid office id).
     *
     * @throws ProblemException with every invalid field at once
     */
    public static StaffMessageSent accept(InboundStaffMessage in, Channel channel, RouteRef route, Instant now) {
        return accept(in, channel, route, now, OfficeCheck.anyOffice());
    }

    /**
     * Validates as far as an adapter can: the fields, a plain-text body within the limits (HTML is refused, never
     * converted or truncated), and whether staff of this channel may send for the office ({@code offices}).
     *
     * @throws ProblemException with every invalid field at once
     */
    public static StaffMessageSent accept(
            InboundStaffMessage in, Channel channel, RouteRef route, Instant now, OfficeCheck offices) {
        if (in == null) {
            throw ProblemException.validation(List.of(new FieldError("", "Die Nachricht fehlt.")));
        }
        List<FieldError> errors = new ArrayList<>();
        if (in.sourceId() == null || !SOURCE_ID.matcher(in.sourceId()).matches()) {
            errors.add(new FieldError("sourceId", "Bitte die Kennung der Nachricht im Quellsystem angeben."));
        }
        if (in.officeId() == null || !OFFICE_ID.matcher(in.officeId()).matches()) {
            errors.add(new FieldError("officeId", "Bitte eine gültige Dienststelle angeben."));
        } else {
            offices.refusal(in.officeId()).ifPresent(why -> errors.add(new FieldError("officeId", why)));
        }
        if (in.concern() != null && !CONCERN.matcher(in.concern()).matches()) {
            errors.add(new FieldError("concern", "Unbekanntes Anliegen."));
        }
        if (in.customerNumber() != null
                && !CUSTOMER_NUMBER.matcher(in.customerNumber()).matches()) {
            errors.add(new FieldError("customerNumber", "Die Kundennummer ist ungültig."));
        }
        if (in.customerId() != null
                && (in.customerId().isBlank() || in.customerId().length() > 255)) {
            errors.add(new FieldError("customerId", "Die Kunden-ID ist ungültig."));
        }
        if (in.conversationId() == null && in.customerId() == null && in.customerNumber() == null) {
            errors.add(new FieldError(
                    "customerNumber", "Für eine neue Unterhaltung bitte die Kundennummer oder Kunden-ID angeben."));
        }
        if (Boolean.TRUE.equals(in.paymentRelevant())
                && channel != Channel.EAKTE
                && in.customerId() == null
                && in.customerNumber() == null) {
            // its revision-safe copy in E-AKTE must name the customer
            errors.add(new FieldError(
                    "customerNumber", "Für zahlungsrelevante Nachrichten bitte die Kundennummer angeben."));
        }
        String subject = MessageText.subject(in.subject(), "subject", errors);
        String body = MessageText.body(in.body(), "body", errors);
        if (body != null && PlainText.looksLikeHtml(body)) {
            errors.add(new FieldError(
                    "body",
                    "Die Nachricht enthält HTML. Bitte als reinen Text senden; sie wird weder umgewandelt noch"
                            + " gekürzt."));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new StaffMessageSent(
                Uuids.staffMessageId(channel, in.sourceId()),
                in.conversationId(),
                in.inReplyTo(),
                in.customerId(),
                in.customerNumber(),
                in.officeId(),
                in.concern() != null ? in.concern() : "OTHER",
                subject,
                body,
                Boolean.TRUE.equals(in.paymentRelevant()),
                route,
                in.sentAt() != null ? in.sentAt() : now);
    }
}
