package de.jobcenter.postfach.servicecenter.rejection;

import de.jobcenter.postfach.contracts.RejectionReason;
import de.jobcenter.postfach.contracts.StaffMessageRejected;
import de.jobcenter.postfach.kit.adapter.RejectionNotice;

/** What the VCC's rejection endpoint takes: the reason code and a German explanation for the staff member. */
public record RejectionNoticeRequest(RejectionReason reason, String explanation) {
    static RejectionNoticeRequest of(StaffMessageRejected rejection) {
        return new RejectionNoticeRequest(rejection.reason(), RejectionNotice.explanation(rejection));
    }
}
