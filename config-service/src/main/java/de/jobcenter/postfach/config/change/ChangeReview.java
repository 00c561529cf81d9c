package de.jobcenter.postfach.config.change;

import de.jobcenter.postfach.config.access.Actor;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One review decision on a change; a change rejected, reworked and submitted again has several. */
@Entity
@Table(name = "change_review")
public class ChangeReview {
    public enum Decision {
        APPROVED,
        REJECTED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "change_id", nullable = false)
    public UUID changeId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Decision decision;

    @Column(name = "reviewer_id", nullable = false)
    public String reviewerId;

    @Column(name = "reviewer_name", nullable = false)
    public String reviewerName;

    @Column
    public String reason;

    @Column(name = "reviewed_at", nullable = false)
    public Instant reviewedAt;

    public static ChangeReview of(ChangeRequest change, Decision decision, Actor reviewer, Instant at) {
        ChangeReview review = new ChangeReview();
        review.changeId = change.changeId;
        review.decision = decision;
        review.reviewerId = reviewer.id();
        review.reviewerName = reviewer.name();
        review.reason = decision == Decision.REJECTED ? change.rejectionReason : null;
        review.reviewedAt = at;
        return review;
    }
}
