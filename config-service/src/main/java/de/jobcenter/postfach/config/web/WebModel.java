package de.jobcenter.postfach.config.web;

import de.jobcenter.postfach.config.access.StaffMember;
import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.catalogue.CatalogueEntry;
import de.jobcenter.postfach.config.change.ChangeReview;
import de.jobcenter.postfach.config.change.ChangeState;
import de.jobcenter.postfach.config.change.ChangeViews;
import de.jobcenter.postfach.config.config.ConfigServiceConfig;
import de.jobcenter.postfach.config.office.OfficeViews;
import de.jobcenter.postfach.config.rules.ConcernSetting;
import de.jobcenter.postfach.config.rules.Display;
import de.jobcenter.postfach.config.rules.FallbackRoute;
import de.jobcenter.postfach.config.rules.OfficeConfiguration;
import de.jobcenter.postfach.config.version.VersionViews;
import de.jobcenter.postfach.contracts.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Turns what the services return into what the pages show. */
@ApplicationScoped
class WebModel {
    /** The status messages after an action, by the key the action redirects with (nothing else is shown). */
    private static final Map<String, String> NOTICES = Map.of(
            "gespeichert",
            "Der Entwurf ist gespeichert. Prüfen Sie die Unterschiede und reichen Sie ihn zur Prüfung ein.",
            "eingereicht",
            "Die Änderung ist zur Prüfung eingereicht.",
            "ohne-pruefung-freigegeben",
            "Die Änderung ist freigegeben: Für diese Dienststelle ist keine Prüfung durch eine zweite Person nötig."
                    + " Sie wird beim nächsten Rollout wirksam.",
            "freigegeben",
            "Die Änderung ist freigegeben. Sie wird beim nächsten Rollout wirksam.",
            "abgelehnt",
            "Die Änderung ist abgelehnt und wieder bei der Person, die sie verfasst hat.",
            "zurueckgezogen",
            "Die Änderung ist zurückgezogen.");

    @Inject
    ConfigServiceConfig config;

    String notice(String key) {
        return key == null ? null : NOTICES.get(key);
    }

    String time(Instant instant) {
        return WebFormat.time(instant, config.rollout().timeZone());
    }

    WebViews.OfficeHeader header(OfficeViews.Detail office) {
        String status = office.suspended()
                ? "Ausgesetzt: nimmt derzeit keine Nachrichten an"
                : office.live()
                        ? "Nimmt Nachrichten an (seit " + WebFormat.date(office.goLiveOn()) + ")"
                        : "Nimmt ab " + WebFormat.date(office.goLiveOn()) + " Nachrichten an (Aufschalttermin)";
        return new WebViews.OfficeHeader(
                office.officeId(),
                office.name(),
                WebFormat.officeType(office.type()),
                WebFormat.date(office.goLiveOn()),
                status,
                office.activeVersion(),
                publication(office.publishPending(), office.publishedVersion(), office.activeVersion()),
                office.permissions().editConfiguration(),
                office.permissions().review());
    }

    static String publication(boolean pending, long published, long active) {
        return pending
                ? "Version " + active + " wird noch veröffentlicht (zuletzt veröffentlicht: Version " + published + ")"
                : "Version " + published + " ist veröffentlicht";
    }

    List<WebViews.ConcernRow> concernRows(OfficeConfiguration configuration, Catalogue catalogue) {
        return catalogue.entries().stream()
                .map(entry -> {
                    ConcernSetting s = configuration
                            .concern(entry.code())
                            .orElse(new ConcernSetting(null, null, null, null, null, null));
                    boolean offered = s.isOffered() || entry.alwaysOffered();
                    String channel = entry.isOnlineFlow()
                            ? "Online-Strecke (Weiterleitung)"
                            : offered ? Display.channel(s.channel()) : Display.NONE;
                    return new WebViews.ConcernRow(
                            entry.label(),
                            entry.alwaysOffered() ? "ja (immer)" : WebFormat.yesNo(offered),
                            channel,
                            s.channel() == Channel.OUTLOOK ? Display.text(s.outlookMailbox()) : Display.NONE,
                            payment(s, entry),
                            Display.text(s.infoText()),
                            Display.text(s.hintText()));
                })
                .toList();
    }

    static String fallback(FallbackRoute route) {
        if (route == null || route.channel() == null) {
            return Display.NONE;
        }
        return route.channel() == Channel.OUTLOOK
                ? "Outlook-Postfach " + Display.text(route.outlookMailbox())
                : Display.channel(route.channel());
    }

    static String review(OfficeConfiguration configuration) {
        return configuration.requiresReview()
                ? "Änderungen prüft eine zweite Person"
                : "Änderungen werden ohne Prüfung durch eine zweite Person freigegeben";
    }

    private static String payment(ConcernSetting setting, CatalogueEntry entry) {
        return setting.paymentRelevant() == null
                ? WebFormat.yesNo(entry.paymentRelevantDefault()) + " (Katalogvorgabe)"
                : WebFormat.yesNo(setting.paymentRelevant());
    }

    List<WebViews.VersionRow> versions(List<VersionViews.Summary> history) {
        return history.stream()
                .map(v -> new WebViews.VersionRow(
                        v.version(),
                        WebFormat.versionKind(v.kind()),
                        time(v.activatedAt()),
                        v.author() == null ? Display.NONE : v.author().name(),
                        v.reviewer() == null ? "keine Prüfung" : v.reviewer().name(),
                        time(v.reviewedAt()),
                        v.changes().stream()
                                .map(d -> d.label() + ": " + d.before() + " → " + d.after())
                                .toList()))
                .toList();
    }

    WebViews.OpenChangeView openChange(ChangeViews.Detail change, StaffMember member) {
        return new WebViews.OpenChangeView(
                WebFormat.state(change.state()),
                change.author().name(),
                time(change.updatedAt()),
                WebFormat.date(change.effectiveOn()),
                member.actor().id().equals(change.author().id()));
    }

    WebViews.ChangeView change(
            ChangeViews.Detail change, OfficeViews.Detail office, StaffMember member, Catalogue catalogue) {
        boolean mine = member.actor().id().equals(change.author().id());
        boolean editor = office.permissions().editConfiguration();
        ChangeState state = change.state();
        boolean reviewable =
                state == ChangeState.SUBMITTED && office.permissions().review();
        String reviewNote = null;
        if (state == ChangeState.SUBMITTED && office.permissions().review() && mine) {
            reviewNote = "Diese Änderung haben Sie selbst verfasst; prüfen muss sie eine andere Person.";
        } else if (state == ChangeState.SUBMITTED && !office.permissions().review()) {
            reviewNote = "Prüfen und freigeben kann eine Person mit Prüfrolle für diese Dienststelle.";
        }
        return new WebViews.ChangeView(
                change.changeId(),
                WebFormat.state(state),
                change.author().name(),
                time(change.createdAt()),
                time(change.updatedAt()),
                change.submittedAt() == null ? null : time(change.submittedAt()),
                WebFormat.date(change.effectiveOn()),
                change.reviewer() == null ? null : change.reviewer().name(),
                change.reviewedAt() == null ? null : time(change.reviewedAt()),
                state == ChangeState.REJECTED ? change.rejectionReason() : null,
                change.holdReasons().stream()
                        .map(e -> ConfigurationForm.label(e.field(), catalogue) + ": " + e.message())
                        .toList(),
                change.activeVersion(),
                change.differences().stream()
                        .map(d -> new WebViews.DiffRow(d.label(), d.before(), d.after()))
                        .toList(),
                change.reviews().stream().map(this::review).toList(),
                mine && editor && state == ChangeState.DRAFT,
                mine && editor && (state == ChangeState.DRAFT || state == ChangeState.REJECTED),
                mine && editor && state.isOpen(),
                reviewable && !mine,
                reviewNote);
    }

    private WebViews.ReviewLine review(ChangeViews.Review review) {
        String decision = review.decision() == ChangeReview.Decision.APPROVED ? "Freigegeben" : "Abgelehnt";
        return new WebViews.ReviewLine(
                decision + " von " + review.reviewer().name() + " am " + time(review.reviewedAt()), review.reason());
    }

    String date(LocalDate date) {
        return WebFormat.date(date);
    }
}
