package de.jobcenter.postfach.config.web;

import de.jobcenter.postfach.config.access.StaffMember;
import de.jobcenter.postfach.config.change.ChangeState;
import de.jobcenter.postfach.config.version.OfficeVersion;
import de.jobcenter.postfach.contracts.OfficeType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Values as the German pages show them. */
final class WebFormat {
    static final String NONE = "—";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy, HH:mm 'Uhr'");

    private WebFormat() {}

    static String date(LocalDate date) {
        return date == null ? NONE : DATE.format(date);
    }

    static String time(Instant instant, ZoneId zone) {
        return instant == null ? NONE : TIME.format(instant.atZone(zone));
    }

    static String time(ZonedDateTime time) {
        return time == null ? NONE : TIME.format(time);
    }

    static String state(ChangeState state) {
        return switch (state) {
            case DRAFT -> "Entwurf";
            case SUBMITTED -> "Zur Prüfung eingereicht";
            case APPROVED -> "Freigegeben, wartet auf den Rollout";
            case HELD -> "Beim Rollout zurückgestellt";
            case REJECTED -> "Abgelehnt";
            case ACTIVE -> "Aktiv";
            case WITHDRAWN -> "Zurückgezogen";
        };
    }

    static String officeType(OfficeType type) {
        return type == OfficeType.EMPLOYMENT_AGENCY ? "Agentur für Arbeit" : "Jobcenter";
    }

    static String versionKind(OfficeVersion.Kind kind) {
        return switch (kind) {
            case INITIAL -> "Erstkonfiguration";
            case CHANGE -> "Geprüfte Änderung";
            case MASTER_DATA -> "Stammdaten";
        };
    }

    static String roles(StaffMember member) {
        List<String> roles = new ArrayList<>();
        if (member.has(StaffMember.Role.EDITOR)) {
            roles.add("Bearbeitung");
        }
        if (member.has(StaffMember.Role.REVIEWER)) {
            roles.add("Prüfung");
        }
        if (member.isCentralAdmin()) {
            roles.add("Zentrale Administration");
        }
        return roles.isEmpty() ? "keine Rolle im Konfigurationswerkzeug" : String.join(", ", roles);
    }

    static String yesNo(boolean value) {
        return value ? "ja" : "nein";
    }
}
