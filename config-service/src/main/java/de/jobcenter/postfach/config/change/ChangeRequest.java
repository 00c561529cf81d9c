package de.jobcenter.postfach.config.change;

import de.jobcenter.postfach.config.access.Actor;
import de.jobcenter.postfach.config.rules.FallbackRoute;
import de.jobcenter.postfach.config.rules.OfficeConfiguration;
import de.jobcenter.postfach.config.rules.PlainText;
import de.jobcenter.postfach.config.rules.StoredConcernSetting;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

/**
 * A proposed configuration of one office on its way through the review to activation. The change owns the rules of
 * the workflow: only its author edits, submits or withdraws it; approving and rejecting are refused to its author;
 * every step is allowed only from its states (else {@code 409}). Who may act on the office at all (scope and role) is
 * checked before, by {@code StaffMember}.
 */
@Entity
@Table(name = "change_request")
public class ChangeRequest {
    @Id
    @Column(name = "change_id")
    public UUID changeId;

    @Column(name = "office_id", nullable = false)
    public String officeId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ChangeState state;

    @Column(name = "author_id", nullable = false)
    public String authorId;

    @Column(name = "author_name", nullable = false)
    public String authorName;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    /** Whether the change needed a second person's review when it was submitted (the active setting then). */
    @Column(name = "review_required")
    public Boolean reviewRequired;

    @Column(name = "reviewer_id")
    public String reviewerId;

    @Column(name = "reviewer_name")
    public String reviewerName;

    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    @Column(name = "rejection_reason")
    public String rejectionReason;

    @Column(name = "held_at")
    public Instant heldAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "activated_version")
    public Long activatedVersion;

    @Enumerated(EnumType.STRING)
    @Column(name = "fallback_channel", nullable = false)
    public Channel fallbackChannel;

    @Column(name = "fallback_mailbox")
    public String fallbackMailbox;

    @Column(name = "proposed_review_required", nullable = false)
    public boolean proposedReviewRequired;

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "change_request_concern", joinColumns = @JoinColumn(name = "change_id"))
    public List<StoredConcernSetting> concerns = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "change_hold_reason", joinColumns = @JoinColumn(name = "change_id"))
    @OrderColumn(name = "position")
    public List<HoldReason> holdReasons = new ArrayList<>();

    /** A new draft of {@code author} for the office, with a configuration that passed the rules. */
    public static ChangeRequest draft(String officeId, Actor author, OfficeConfiguration configuration, Instant now) {
        ChangeRequest change = new ChangeRequest();
        change.changeId = UUID.randomUUID();
        change.officeId = officeId;
        change.state = ChangeState.DRAFT;
        change.authorId = author.id();
        change.authorName = author.name();
        change.createdAt = now;
        change.updatedAt = now;
        change.propose(configuration);
        return change;
    }

    public Actor author() {
        return new Actor(authorId, authorName);
    }

    public Actor reviewer() {
        return reviewerId == null ? null : new Actor(reviewerId, reviewerName);
    }

    public boolean isOpen() {
        return state.isOpen();
    }

    /** The proposed configuration, concerns in the given (catalogue) order. */
    public OfficeConfiguration configuration(List<String> catalogueOrder) {
        return StoredConcernSetting.configuration(
                new FallbackRoute(fallbackChannel, fallbackMailbox), proposedReviewRequired, concerns, catalogueOrder);
    }

    public List<FieldError> holdReasonList() {
        return holdReasons.stream().map(HoldReason::toFieldError).toList();
    }

    /** The author reworks a draft, or a rejected change, which becomes a draft again. */
    public void revise(Actor actor, OfficeConfiguration configuration, Instant now) {
        requireAuthor(actor, "bearbeiten");
        requireState("bearbeitet", ChangeState.DRAFT, ChangeState.REJECTED);
        propose(configuration);
        state = ChangeState.DRAFT;
        updatedAt = now;
    }

    /**
     * The author submits the draft for review. When the office does not require a second person's review (its
     * active setting), submitting approves.
     */
    public void submit(Actor actor, boolean reviewNeeded, Instant now) {
        requireAuthor(actor, "einreichen");
        requireState("eingereicht", ChangeState.DRAFT);
        reviewRequired = reviewNeeded;
        submittedAt = now;
        updatedAt = now;
        reviewerId = null;
        reviewerName = null;
        reviewedAt = null;
        rejectionReason = null;
        state = reviewNeeded ? ChangeState.SUBMITTED : ChangeState.APPROVED;
    }

    /** A second person approves. The author never can (four-eyes principle). */
    public void approve(Actor reviewer, Instant now) {
        refuseAuthorAsReviewer(reviewer);
        requireState("freigegeben", ChangeState.SUBMITTED);
        recordReview(reviewer, now);
        state = ChangeState.APPROVED;
    }

    /** A second person rejects with a reason; the change goes back to its author. */
    public void reject(Actor reviewer, String reason, Instant now) {
        refuseAuthorAsReviewer(reviewer);
        requireState("abgelehnt", ChangeState.SUBMITTED);
        String text = validReason(reason);
        recordReview(reviewer, now);
        rejectionReason = text;
        state = ChangeState.REJECTED;
    }

    /** The author takes the change back; possible until it is active. */
    public void withdraw(Actor actor, Instant now) {
        requireAuthor(actor, "zurückziehen");
        requireState(
                "zurückgezogen",
                ChangeState.DRAFT,
                ChangeState.SUBMITTED,
                ChangeState.REJECTED,
                ChangeState.APPROVED,
                ChangeState.HELD);
        state = ChangeState.WITHDRAWN;
        updatedAt = now;
        closedAt = now;
    }

    /** The rollout found that the change no longer passes the rules on its date: not activated, reasons kept. */
    public void hold(List<FieldError> reasons, Instant now) {
        requireState("zurückgestellt", ChangeState.APPROVED, ChangeState.HELD);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a change is held only for reasons");
        }
        holdReasons.clear();
        reasons.forEach(r -> holdReasons.add(HoldReason.of(r)));
        state = ChangeState.HELD;
        heldAt = now;
        updatedAt = now;
    }

    /** The rollout activated the change as the office's version {@code version}. */
    public void activate(long version, Instant now) {
        requireState("aktiviert", ChangeState.APPROVED, ChangeState.HELD);
        state = ChangeState.ACTIVE;
        activatedVersion = version;
        holdReasons.clear();
        updatedAt = now;
        closedAt = now;
    }

    /** The German rules for a rejection reason; the normalised reason, or a validation problem. */
    public static String validReason(String reason) {
        String text = PlainText.normalise(reason);
        if (text == null) {
            throw ProblemException.validation(
                    List.of(new FieldError("reason", "Bitte begründen, warum die Änderung abgelehnt wird.")));
        }
        PlainText.problem(text, PlainText.MAX_LENGTH).ifPresent(m -> {
            throw ProblemException.validation(List.of(new FieldError("reason", m)));
        });
        return text;
    }

    private void propose(OfficeConfiguration configuration) {
        fallbackChannel = configuration.fallbackRoute().channel();
        fallbackMailbox = configuration.fallbackRoute().outlookMailbox();
        proposedReviewRequired = configuration.requiresReview();
        concerns.clear();
        concerns.addAll(StoredConcernSetting.rows(configuration));
    }

    private void recordReview(Actor reviewer, Instant now) {
        reviewerId = reviewer.id();
        reviewerName = reviewer.name();
        reviewedAt = now;
        updatedAt = now;
    }

    private void requireAuthor(Actor actor, String verb) {
        if (!author().sameAs(actor)) {
            throw new ProblemException(
                    ChangeProblems.NOT_AUTHOR, "Nur " + authorName + " kann diese Änderung " + verb + ".");
        }
    }

    private void refuseAuthorAsReviewer(Actor reviewer) {
        if (author().sameAs(reviewer)) {
            throw new ProblemException(
                    ChangeProblems.OWN_CHANGE, "Eine zweite Person mit Prüfrolle muss diese Änderung prüfen.");
        }
    }

    private void requireState(String participle, ChangeState... allowed) {
        if (!Arrays.asList(allowed).contains(state)) {
            throw new ProblemException(
                    ChangeProblems.CHANGE_STATE_CONFLICT,
                    "Eine Änderung im Stand " + state + " kann nicht " + participle + " werden (möglich im Stand "
                            + Arrays.stream(allowed).map(Enum::name).collect(Collectors.joining(", ")) + ").");
        }
    }
}
