package de.jobcenter.postfach.config.web;

import de.jobcenter.postfach.config.access.CurrentStaff;
import de.jobcenter.postfach.config.access.StaffMember;
import de.jobcenter.postfach.config.office.OfficeService;
import de.jobcenter.postfach.config.office.OfficeViews;
import de.jobcenter.postfach.config.rollout.RolloutCalendar;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The start page: the offices the signed-in person may act on, with their state. */
@Path("/")
@RolesAllowed({
    "${postfach.config.roles.editor}",
    "${postfach.config.roles.reviewer}",
    "${postfach.config.roles.central-admin}"
})
@Produces(MediaType.TEXT_HTML)
public class OverviewPage {
    @Inject
    CurrentStaff staff;

    @Inject
    OfficeService offices;

    @Inject
    RolloutCalendar calendar;

    @Inject
    WebModel model;

    @GET
    public TemplateInstance overview() {
        StaffMember member = staff.member();
        List<OfficeViews.Summary> list = offices.list(member);
        String effectiveOn = model.date(calendar.effectiveDate());
        List<WebViews.OfficeRow> rows = list.stream()
                .map(o -> new WebViews.OfficeRow(
                        o.officeId(),
                        o.name(),
                        WebFormat.officeType(o.type()),
                        o.activeVersion(),
                        o.openChange() == null
                                ? "keine"
                                : WebFormat.state(o.openChange().state()) + " (von "
                                        + o.openChange().author().name() + ")",
                        o.openChange() == null ? "—" : effectiveOn,
                        o.suspended() ? "ausgesetzt" : o.live() ? "ja" : "ab " + model.date(o.goLiveOn()),
                        WebModel.publication(o.publishPending(), o.publishedVersion(), o.activeVersion())))
                .toList();
        String nextRun = calendar.nextRun().map(WebFormat::time).orElse("kein weiterer Termin geplant");
        return Templates.overview(Page.of("Dienststellen", "dienststellen", member, null), rows, nextRun, effectiveOn);
    }
}
