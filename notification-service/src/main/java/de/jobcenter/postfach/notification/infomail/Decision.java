package de.jobcenter.postfach.notification.infomail;

import de.jobcenter.postfach.contracts.OfficeType;

/** What to do about one mailbox event, as decided against the replica and the log at processing time. */
public sealed interface Decision {

    /** Send the info e-mail now; the log holds it as PENDING until the SMTP server has accepted it. */
    record Send(String email, OfficeType officeType) implements Decision {
        @Override
        public String toString() {
            return "Send[officeType=" + officeType + "]"; // never the address: it must not reach a log
        }
    }

    /**
     * Nothing to send.
     *
     * @param state SKIPPED or COVERED as decided now, or the state an earlier decision settled on
     * @param duplicate whether an earlier processing of the same event had settled it already
     */
    record Settled(InfoMailState state, boolean duplicate) implements Decision {}
}
