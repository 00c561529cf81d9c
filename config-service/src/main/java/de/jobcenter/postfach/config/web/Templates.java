package de.jobcenter.postfach.config.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/** The pages of the web UI ({@code templates/web/*.html}), checked against these parameters at build time. */
@CheckedTemplate(basePath = "web")
public final class Templates {
    private Templates() {}

    public static native TemplateInstance overview(
            Page page, List<WebViews.OfficeRow> offices, String nextRun, String nextEffectiveOn);

    public static native TemplateInstance office(
            Page page,
            WebViews.OfficeHeader office,
            WebViews.ActiveView active,
            WebViews.OpenChangeView open,
            List<WebViews.VersionRow> history,
            List<WebViews.Option> concerns);

    public static native TemplateInstance history(
            Page page, WebViews.OfficeHeader office, List<WebViews.VersionRow> versions);

    public static native TemplateInstance preview(
            Page page,
            WebViews.OfficeHeader office,
            List<WebViews.Option> concerns,
            String liveNote,
            WebViews.PreviewBlock active,
            WebViews.PreviewBlock pending);

    public static native TemplateInstance edit(
            Page page,
            WebViews.OfficeHeader office,
            String basis,
            String rejectionReason,
            String blocked,
            ConfigurationForm.View form,
            FormErrors errors);

    public static native TemplateInstance change(
            Page page, WebViews.OfficeHeader office, WebViews.ChangeView change, FormErrors errors, String reason);

    public static native TemplateInstance reviews(Page page, List<WebViews.ReviewRow> changes);

    public static native TemplateInstance rollout(Page page, WebViews.ScheduleView schedule);

    public static native TemplateInstance error(
            Page page, int status, String heading, String detail, List<FormErrors.Item> errors);

    public static native TemplateInstance signedOut(Page page);
}
