package de.jobcenter.postfach.config.web;

import de.jobcenter.postfach.config.access.CurrentStaff;
import de.jobcenter.postfach.config.access.StaffMember;
import de.jobcenter.postfach.config.change.ChangeService;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The changes waiting for the signed-in person's review (of their offices, never their own). */
@Path("/pruefungen")
@RolesAllowed({
    "${postfach.config.roles.editor}",
    "${postfach.config.roles.reviewer}",
    "${postfach.config.roles.central-admin}"
})
@Produces(MediaType.TEXT_HTML)
public class ReviewPages {
    @Inject
    CurrentStaff staff;

    @Inject
    ChangeService changes;

    @Inject
    WebModel model;

    @GET
    public TemplateInstance queue() {
        StaffMember member = staff.member();
        return Templates.reviews(
                Page.of("Prüfungen", "pruefungen", member, null),
                changes.reviewQueue(member).stream()
                        .map(c -> new WebViews.ReviewRow(
                                c.officeId(),
                                c.officeName(),
                                c.author().name(),
                                model.time(c.submittedAt()),
                                model.date(c.effectiveOn())))
                        .toList());
    }
}
