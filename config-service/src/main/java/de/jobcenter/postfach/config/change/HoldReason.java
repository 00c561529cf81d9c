package de.jobcenter.postfach.config.change;

import de.jobcenter.postfach.kit.problem.FieldError;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One rule an approved change failed at a rollout: the field and the German message. */
@Embeddable
public class HoldReason {
    @Column(name = "field", nullable = false)
    public String field;

    @Column(name = "message", nullable = false)
    public String message;

    public static HoldReason of(FieldError error) {
        HoldReason reason = new HoldReason();
        reason.field = error.field();
        reason.message = error.message();
        return reason;
    }

    public FieldError toFieldError() {
        return new FieldError(field, message);
    }
}
