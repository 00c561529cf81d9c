package de.jobcenter.postfach.config.web;

import java.util.List;
import java.util.UUID;

/** What the pages show: values already formatted in German, so templates only place them. */
public final class WebViews {
    private WebViews() {}

    /** An office in the overview. */
    public record OfficeRow(
            String officeId,
            String name,
            String type,
            long activeVersion,
            String openChange,
            String effectiveOn,
            String live,
            String publication) {}

    /** The head of every office page. */
    public record OfficeHeader(
            String officeId,
            String name,
            String type,
            String goLiveOn,
            String status,
            long activeVersion,
            String publication,
            boolean canEdit,
            boolean canReview) {}

    /** One concern of a configuration as a table row. */
    public record ConcernRow(
            String label,
            String offered,
            String channel,
            String mailbox,
            String paymentRelevant,
            String infoText,
            String hintText) {}

    /** The configuration customers see now. */
    public record ActiveView(
            long version, String activatedAt, String fallback, String review, List<ConcernRow> concerns) {}

    /** The office's open change in short. */
    public record OpenChangeView(String state, String author, String updatedAt, String effectiveOn, boolean mine) {}

    /** One version of the history. */
    public record VersionRow(
            long version,
            String kind,
            String activatedAt,
            String author,
            String reviewer,
            String reviewedAt,
            List<String> changes) {}

    /** An option of a select. */
    public record Option(String value, String label, boolean selected) {}

    /** Where messages go under one configuration. */
    public record PreviewBlock(String heading, String note, List<PreviewLine> lines) {}

    public record PreviewLine(String label, String text) {}

    /** One changed field. */
    public record DiffRow(String label, String before, String after) {}

    /** One review decision. */
    public record ReviewLine(String text, String reason) {}

    /** The open change with what the signed-in person may do with it. */
    public record ChangeView(
            UUID changeId,
            String state,
            String author,
            String createdAt,
            String updatedAt,
            String submittedAt,
            String effectiveOn,
            String reviewer,
            String reviewedAt,
            String rejectionReason,
            List<String> holdReasons,
            long activeVersion,
            List<DiffRow> differences,
            List<ReviewLine> reviews,
            boolean canSubmit,
            boolean canRework,
            boolean canWithdraw,
            boolean canReview,
            String reviewNote) {}

    /** A change waiting for review. */
    public record ReviewRow(
            String officeId, String officeName, String author, String submittedAt, String effectiveOn) {}

    /** One past rollout. */
    public record RunRow(
            long id,
            String trigger,
            String rolloutDate,
            String startedAt,
            String finishedAt,
            int activated,
            int held,
            int failed) {}

    /** The rollout schedule. */
    public record ScheduleView(
            String nextRun, String nextEffectiveOn, String cron, String zone, List<RunRow> runs, boolean mayRun) {}
}
