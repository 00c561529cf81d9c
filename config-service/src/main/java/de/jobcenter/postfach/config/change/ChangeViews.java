package de.jobcenter.postfach.config.change;

import de.jobcenter.postfach.config.access.Actor;
import de.jobcenter.postfach.config.rules.Difference;
import de.jobcenter.postfach.config.rules.OfficeConfiguration;
import de.jobcenter.postfach.kit.problem.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the API shows of changes. */
public final class ChangeViews {
    private ChangeViews() {}

    /** A person as the history and the review screens show them. */
    public record Person(String id, String name) {
        public static Person of(Actor actor) {
            return actor == null ? null : new Person(actor.id(), actor.name());
        }
    }

    /** One review decision. */
    public record Review(ChangeReview.Decision decision, Person reviewer, String reason, Instant reviewedAt) {
        static Review of(ChangeReview r) {
            return new Review(r.decision, new Person(r.reviewerId, r.reviewerName), r.reason, r.reviewedAt);
        }
    }

    /**
     * A change with its proposed configuration and what it changes compared with the active configuration.
     *
     * @param reviewRequired whether the change needed a second person's review when submitted
     * @param holdReasons why the last rollout held the change (rules it failed on that date)
     * @param effectiveOn when the change takes (or took) effect: the next rollout's date while it is open
     * @param activeVersion the office's active version the differences are computed against
     */
    public record Detail(
            UUID changeId,
            String officeId,
            ChangeState state,
            Person author,
            Instant createdAt,
            Instant updatedAt,
            Instant submittedAt,
            Boolean reviewRequired,
            Person reviewer,
            Instant reviewedAt,
            String rejectionReason,
            Instant heldAt,
            List<FieldError> holdReasons,
            LocalDate effectiveOn,
            Long activatedVersion,
            long activeVersion,
            OfficeConfiguration configuration,
            List<Difference> differences,
            List<Review> reviews) {}

    /** A change in a list (an office's changes, the review queue). */
    public record Summary(
            UUID changeId,
            String officeId,
            String officeName,
            ChangeState state,
            Person author,
            Instant updatedAt,
            Instant submittedAt,
            LocalDate effectiveOn) {}

    /** The differences of a change against the active configuration. */
    public record Diff(UUID changeId, String officeId, long activeVersion, List<Difference> differences) {}

    /** The body of a rejection. */
    public record Rejection(String reason) {}
}
