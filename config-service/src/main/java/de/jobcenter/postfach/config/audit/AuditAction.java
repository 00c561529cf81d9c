package de.jobcenter.postfach.config.audit;

/** What an audit entry records. */
public enum AuditAction {
    /** The first authenticated call of a token (or session) of a member of staff. */
    LOGIN,
    OFFICE_CREATED,
    MASTER_DATA_CHANGED,
    CHANGE_DRAFTED,
    CHANGE_REVISED,
    CHANGE_SUBMITTED,
    CHANGE_APPROVED,
    CHANGE_REJECTED,
    CHANGE_WITHDRAWN,
    CHANGE_HELD,
    CHANGE_ACTIVATED,
    ROLLOUT_STARTED,
    ROLLOUT_FINISHED,
    ROLLOUT_OFFICE_FAILED,
    REPUBLISH_REQUESTED
}
