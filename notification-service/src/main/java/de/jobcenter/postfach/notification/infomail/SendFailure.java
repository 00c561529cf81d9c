package de.jobcenter.postfach.notification.infomail;

import de.jobcenter.postfach.kit.problem.SafeThrowables;
import io.vertx.ext.mail.SMTPException;
import java.util.concurrent.CompletionException;

/**
 * A send the SMTP server did not accept. Its detail names exception classes and reply codes only: an SMTP reply
 * can quote the recipient's address, which must not reach a log or a dead-letter header.
 */
public final class SendFailure extends Exception {
    private final boolean permanent;

    private SendFailure(String detail, boolean permanent) {
        super(detail, null, false, false);
        this.permanent = permanent;
    }

    /** Worth trying again later: connection refused or lost, a timeout, a 4xx reply. */
    public static SendFailure transientFailure(String detail) {
        return new SendFailure(detail, false);
    }

    /** Trying again would get the same answer: a 5xx reply, an address the mailer cannot use. */
    public static SendFailure permanentFailure(String detail) {
        return new SendFailure(detail, true);
    }

    /** Classifies what the mailer threw. */
    public static SendFailure of(Throwable thrown) {
        if (thrown instanceof CompletionException && thrown.getCause() != null) {
            thrown = thrown.getCause(); // the blocking mailer's wrapper says nothing of its own
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                String detail = "SMTP reply " + smtp.getReplyCode();
                return smtp.isPermanent() ? permanentFailure(detail) : transientFailure(detail);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (thrown instanceof IllegalArgumentException) {
            // the mailer refuses an address or a header before it connects
            return permanentFailure(SafeThrowables.describe(thrown));
        }
        return transientFailure(SafeThrowables.describe(thrown));
    }

    public boolean permanent() {
        return permanent;
    }

    public String detail() {
        return getMessage();
    }
}
