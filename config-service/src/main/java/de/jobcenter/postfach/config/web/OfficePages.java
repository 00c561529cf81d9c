package de.jobcenter.postfach.config.web;

import de.jobcenter.postfach.config.access.CurrentStaff;
import de.jobcenter.postfach.config.access.StaffMember;
import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.catalogue.CatalogueRepository;
import de.jobcenter.postfach.config.change.ChangeService;
import de.jobcenter.postfach.config.change.ChangeState;
import de.jobcenter.postfach.config.change.ChangeViews;
import de.jobcenter.postfach.config.office.OfficeService;
import de.jobcenter.postfach.config.office.OfficeViews;
import de.jobcenter.postfach.config.rules.OfficeConfiguration;
import de.jobcenter.postfach.config.rules.RoutePreview;
import de.jobcenter.postfach.config.version.VersionService;
import de.jobcenter.postfach.config.version.VersionViews;
import de.jobcenter.postfach.kit.problem.CommonProblems;
import de.jobcenter.postfach.kit.problem.ProblemException;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The pages of one office: its page (active configuration, open change, recent versions, preview form), the history,
 * the preview, the edit form (saves the person's draft), the open change as a diff against the active configuration,
 * and the workflow: submit and withdraw (the author), approve and reject (a second person with the reviewer role).
 * Every rule is the services'; their refusals become the error page (403, 404, 409), plausibility errors are shown on
 * the form, all at once.
 */
@Path("/dienststellen/{officeId}")
@RolesAllowed({
    "${postfach.config.roles.editor}",
    "${postfach.config.roles.reviewer}",
    "${postfach.config.roles.central-admin}"
})
@Produces(MediaType.TEXT_HTML)
public class OfficePages {
    private static final int HISTORY_ON_OFFICE_PAGE = 3;

    @Inject
    CurrentStaff staff;

    @Inject
    OfficeService offices;

    @Inject
    ChangeService changes;

    @Inject
    VersionService versions;

    @Inject
    CatalogueRepository catalogue;

    @Inject
    WebModel model;

    @GET
    public TemplateInstance office(@PathParam("officeId") String officeId, @QueryParam("hinweis") String notice) {
        StaffMember member = staff.member();
        OfficeViews.Detail office = offices.get(member, officeId);
        Catalogue cat = catalogue.catalogue();
        OfficeViews.ActiveConfiguration active = offices.activeConfiguration(member, officeId);
        WebViews.ActiveView activeView = new WebViews.ActiveView(
                active.version(),
                model.time(active.activatedAt()),
                WebModel.fallback(active.configuration().fallbackRoute()),
                WebModel.review(active.configuration()),
                model.concernRows(active.configuration(), cat));
        WebViews.OpenChangeView open = changes.openChange(member, officeId)
                .map(c -> model.openChange(c, member))
                .orElse(null);
        List<WebViews.VersionRow> history = model.versions(versions.history(member, officeId));
        return Templates.office(
                Page.of(office.name(), "dienststellen", member, model.notice(notice)),
                model.header(office),
                activeView,
                open,
                history.subList(0, Math.min(HISTORY_ON_OFFICE_PAGE, history.size())),
                concernOptions(cat, null));
    }

    @GET
    @Path("versionen")
    public TemplateInstance history(@PathParam("officeId") String officeId) {
        StaffMember member = staff.member();
        OfficeViews.Detail office = offices.get(member, officeId);
        return Templates.history(
                Page.of("Versionen – " + office.name(), "dienststellen", member, null),
                model.header(office),
                model.versions(versions.history(member, officeId)));
    }

    @GET
    @Path("vorschau")
    public TemplateInstance preview(@PathParam("officeId") String officeId, @QueryParam("anliegen") String concern) {
        StaffMember member = staff.member();
        OfficeViews.Detail office = offices.get(member, officeId);
        Catalogue cat = catalogue.catalogue();
        String selected = concern == null || concern.isBlank() || !cat.contains(concern) ? null : concern;
        VersionViews.Preview preview = versions.preview(member, officeId, selected);
        WebViews.PreviewBlock active = new WebViews.PreviewBlock(
                "Mit der aktiven Konfiguration (Version " + preview.active().version() + ")",
                null,
                lines(preview.active().concerns()));
        WebViews.PreviewBlock pending = null;
        if (preview.pending() != null) {
            ChangeViews.Detail open = changes.openChange(member, officeId).orElse(null);
            pending = new WebViews.PreviewBlock(
                    "Mit der offenen Änderung",
                    "Stand: " + WebFormat.state(preview.pending().state())
                            + (open == null ? "" : ", von " + open.author().name())
                            + "; wirksam frühestens ab "
                            + model.date(preview.pending().effectiveOn()) + ".",
                    lines(preview.pending().concerns()));
        }
        return Templates.preview(
                Page.of("Vorschau – " + office.name(), "dienststellen", member, null),
                model.header(office),
                concernOptions(cat, selected),
                preview.liveNote(),
                active,
                pending);
    }

    @GET
    @Path("bearbeiten")
    public TemplateInstance editForm(@PathParam("officeId") String officeId) {
        StaffMember member = staff.member();
        OfficeViews.Detail office = offices.get(member, officeId);
        member.requireEdit(officeId, office.type());
        Catalogue cat = catalogue.catalogue();
        Optional<ChangeViews.Detail> open = changes.openChange(member, officeId);
        OfficeConfiguration basis;
        String basisNote;
        String rejection = null;
        if (open.isPresent()) {
            ChangeViews.Detail change = open.get();
            boolean mine = member.actor().id().equals(change.author().id());
            if (!mine || (change.state() != ChangeState.DRAFT && change.state() != ChangeState.REJECTED)) {
                String blocked = "Für diese Dienststelle gibt es bereits eine offene Änderung (Stand: "
                        + WebFormat.state(change.state()) + ", verfasst von "
                        + change.author().name() + ")."
                        + (mine
                                ? " Zum Ändern ziehen Sie sie bitte zuerst zurück."
                                : " Eine neue Änderung ist erst möglich, wenn sie aktiv oder zurückgezogen ist.");
                return Templates.edit(
                        Page.of("Konfiguration bearbeiten – " + office.name(), "dienststellen", member, null),
                        model.header(office),
                        null,
                        null,
                        blocked,
                        null,
                        FormErrors.none());
            }
            basis = change.configuration();
            basisNote = change.state() == ChangeState.REJECTED
                    ? "Sie überarbeiten Ihre abgelehnte Änderung. Gespeichert wird sie wieder ein Entwurf."
                    : "Sie bearbeiten Ihren Entwurf vom " + model.time(change.updatedAt()) + ".";
            rejection = change.state() == ChangeState.REJECTED ? change.rejectionReason() : null;
        } else {
            basis = offices.activeConfiguration(member, officeId).configuration();
            basisNote = "Ausgangspunkt ist die aktive Konfiguration (Version " + office.activeVersion()
                    + "). Gespeichert wird ein Entwurf; wirksam wird er erst nach Prüfung und Rollout.";
        }
        return Templates.edit(
                Page.of("Konfiguration bearbeiten – " + office.name(), "dienststellen", member, null),
                model.header(office),
                basisNote,
                rejection,
                null,
                ConfigurationForm.view(cat, ConfigurationForm.values(basis, cat), FormErrors.none()),
                FormErrors.none());
    }

    @POST
    @Path("bearbeiten")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("officeId") String officeId) {
        StaffMember member = staff.member();
        Catalogue cat = catalogue.catalogue();
        FormFields form = FormFields.current();
        try {
            changes.saveDraft(member, officeId, ConfigurationForm.parse(form, cat));
        } catch (ProblemException e) {
            if (!CommonProblems.VALIDATION.equals(e.type())) {
                throw e;
            }
            OfficeViews.Detail office = offices.get(member, officeId);
            FormErrors errors = FormErrors.of(
                    e.toProblem().errors(),
                    ConfigurationForm.fieldIds(cat),
                    field -> ConfigurationForm.label(field, cat),
                    field -> "#" + field);
            return Response.status(400)
                    .entity(Templates.edit(
                            Page.of(
                                    "Fehler: Konfiguration bearbeiten – " + office.name(),
                                    "dienststellen",
                                    member,
                                    null),
                            model.header(office),
                            "Nichts wurde gespeichert. Bitte korrigieren Sie die markierten Angaben.",
                            null,
                            null,
                            ConfigurationForm.view(cat, ConfigurationForm.values(form, cat), errors),
                            errors))
                    .build();
        }
        return seeOther(WebPaths.change(officeId), "gespeichert");
    }

    @GET
    @Path("aenderung")
    public TemplateInstance change(@PathParam("officeId") String officeId, @QueryParam("hinweis") String notice) {
        StaffMember member = staff.member();
        OfficeViews.Detail office = offices.get(member, officeId);
        return changePage(member, office, model.notice(notice), FormErrors.none(), null);
    }

    @POST
    @Path("aenderungen/{changeId}/einreichen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@PathParam("officeId") String officeId, @PathParam("changeId") UUID changeId) {
        StaffMember member = staff.member();
        ChangeViews.Detail submitted;
        try {
            submitted = changes.submit(member, officeId, changeId);
        } catch (ProblemException e) {
            if (!CommonProblems.VALIDATION.equals(e.type())) {
                throw e;
            }
            // The rules again at submission (the date it would take effect may have moved): show what to correct.
            Catalogue cat = catalogue.catalogue();
            FormErrors errors = FormErrors.of(
                    e.toProblem().errors(),
                    ConfigurationForm.fieldIds(cat),
                    field -> ConfigurationForm.label(field, cat),
                    field -> WebPaths.edit(officeId) + "#" + field);
            return Response.status(400)
                    .entity(changePage(member, offices.get(member, officeId), null, errors, null))
                    .build();
        }
        return seeOther(
                WebPaths.change(officeId),
                submitted.state() == ChangeState.APPROVED ? "ohne-pruefung-freigegeben" : "eingereicht");
    }

    @POST
    @Path("aenderungen/{changeId}/zurueckziehen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response withdraw(@PathParam("officeId") String officeId, @PathParam("changeId") UUID changeId) {
        changes.withdraw(staff.member(), officeId, changeId);
        return seeOther(WebPaths.office(officeId), "zurueckgezogen");
    }

    @POST
    @Path("aenderungen/{changeId}/freigeben")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response approve(@PathParam("officeId") String officeId, @PathParam("changeId") UUID changeId) {
        changes.approve(staff.member(), officeId, changeId);
        return seeOther(WebPaths.change(officeId), "freigegeben");
    }

    @POST
    @Path("aenderungen/{changeId}/ablehnen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reject(
            @PathParam("officeId") String officeId,
            @PathParam("changeId") UUID changeId,
            @FormParam("reason") String reason) {
        StaffMember member = staff.member();
        try {
            changes.reject(member, officeId, changeId, reason);
        } catch (ProblemException e) {
            if (!CommonProblems.VALIDATION.equals(e.type())) {
                throw e;
            }
            Catalogue cat = catalogue.catalogue();
            FormErrors errors = FormErrors.of(
                    e.toProblem().errors(),
                    Set.of("reason"),
                    field -> ConfigurationForm.label(field, cat),
                    field -> "#" + field);
            return Response.status(400)
                    .entity(changePage(member, offices.get(member, officeId), null, errors, reason))
                    .build();
        }
        return seeOther(WebPaths.change(officeId), "abgelehnt");
    }

    private TemplateInstance changePage(
            StaffMember member, OfficeViews.Detail office, String notice, FormErrors errors, String reason) {
        Catalogue cat = catalogue.catalogue();
        WebViews.ChangeView view = changes.openChange(member, office.officeId())
                .map(c -> model.change(c, office, member, cat))
                .orElse(null);
        String title = (errors.any() ? "Fehler: " : "") + "Offene Änderung – " + office.name();
        return Templates.change(
                Page.of(title, "dienststellen", member, notice), model.header(office), view, errors, reason);
    }

    static Response seeOther(String path, String notice) {
        UriBuilder target = UriBuilder.fromPath(path);
        if (notice != null) {
            target.queryParam("hinweis", notice);
        }
        return Response.seeOther(target.build()).build();
    }

    private static List<WebViews.PreviewLine> lines(List<RoutePreview> previews) {
        return previews.stream()
                .map(p -> new WebViews.PreviewLine(p.label(), p.text()))
                .toList();
    }

    static List<WebViews.Option> concernOptions(Catalogue cat, String selected) {
        List<WebViews.Option> options = new ArrayList<>();
        options.add(new WebViews.Option("", "Alle Anliegen", selected == null));
        cat.entries()
                .forEach(e -> options.add(
                        new WebViews.Option(e.code(), e.label(), e.code().equals(selected))));
        return options;
    }
}
