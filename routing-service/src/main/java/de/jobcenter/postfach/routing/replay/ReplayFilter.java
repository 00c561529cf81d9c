package de.jobcenter.postfach.routing.replay;

import de.jobcenter.postfach.routing.decision.DeadLetterReason;
import java.util.Optional;
import java.util.UUID;

/**
 * Which dead letters a replay re-publishes; an empty criterion matches every record. The others stay in the
 * dead-letter topic for a later replay.
 */
public record ReplayFilter(Optional<DeadLetterReason> code, Optional<String> officeId, Optional<UUID> messageId) {

    public static ReplayFilter all() {
        return new ReplayFilter(Optional.empty(), Optional.empty(), Optional.empty());
    }

    boolean matches(DeadLetter letter) {
        return code.map(c -> c.name().equals(letter.code())).orElse(true)
                && officeId.map(o -> o.equals(letter.officeId())).orElse(true)
                && messageId.map(m -> m.toString().equals(letter.messageId())).orElse(true);
    }
}
