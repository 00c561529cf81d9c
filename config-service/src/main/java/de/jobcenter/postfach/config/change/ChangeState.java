package de.jobcenter.postfach.config.change;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a change is on its way: {@code DRAFT → SUBMITTED → APPROVED → ACTIVE}; {@code SUBMITTED → REJECTED} (back
 * with the author, who reworks it into a draft or withdraws it); an approved change that fails a rule at the rollout
 * is {@code HELD} (re-checked at every rollout, until it passes or its author withdraws it).
 */
public enum ChangeState {
    DRAFT,
    SUBMITTED,
    APPROVED,
    HELD,
    REJECTED,
    ACTIVE,
    WITHDRAWN;

    /** The states that count as the office's one open change. */
    public static final Set<ChangeState> OPEN = EnumSet.of(DRAFT, SUBMITTED, APPROVED, HELD, REJECTED);

    /** The states in which the rollout activates a change. */
    public static final Set<ChangeState> AWAITING_ROLLOUT = EnumSet.of(APPROVED, HELD);

    public boolean isOpen() {
        return OPEN.contains(this);
    }
}
