package de.jobcenter.postfach.config.office;

import de.jobcenter.postfach.config.rules.Difference;
import de.jobcenter.postfach.config.rules.Display;
import de.jobcenter.postfach.config.rules.GermanDates;
import de.jobcenter.postfach.config.rules.PlainText;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.kit.problem.FieldError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What central administrators keep per office. Everything but the responsible person is published with the
 * office's configuration, so changing it creates a new version that is published at once (a suspension must not
 * wait for the weekly rollout).
 *
 * @param goLiveOn from when the office takes messages („Aufschalttermin“), Europe/Berlin
 * @param contract the service-center contract, or {@code null}
 * @param responsible the named contact, or {@code null}
 */
public record OfficeMasterData(
        String name,
        OfficeType type,
        LocalDate goLiveOn,
        Boolean suspended,
        ServiceCenterContract contract,
        ResponsiblePerson responsible) {

    /** Office ids as the portal and the routing know them: capitals, digits, hyphen and underscore. */
    public static final Pattern OFFICE_ID = Pattern.compile("[A-Z0-9][A-Z0-9_-]{1,63}");

    public static final int NAME_MAX = 200;

    private static final Pattern SERVICE_CENTER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");
    private static final Pattern PHONE = Pattern.compile("[0-9+ ()/-]{3,40}");

    public OfficeMasterData {
        name = PlainText.normalise(name);
    }

    public boolean isSuspended() {
        return Boolean.TRUE.equals(suspended);
    }

    /** Every rule for master data; all errors at once. */
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        if (name == null) {
            errors.add(new FieldError("name", "Bitte den Namen der Dienststelle angeben."));
        } else {
            singleLine(name, "name", NAME_MAX, errors);
        }
        if (type == null) {
            errors.add(new FieldError(
                    "type", "Bitte die Art der Dienststelle wählen: Jobcenter oder Agentur für Arbeit."));
        }
        if (goLiveOn == null) {
            errors.add(new FieldError("goLiveOn", "Bitte den Aufschalttermin angeben."));
        }
        if (suspended == null) {
            errors.add(new FieldError("suspended", "Bitte angeben, ob die Dienststelle ausgesetzt ist."));
        }
        if (responsible != null) {
            if (responsible.name() != null) {
                singleLine(responsible.name(), "responsiblePerson.name", NAME_MAX, errors);
            }
            if (responsible.email() != null
                    && (responsible.email().length() > 254
                            || !EMAIL.matcher(responsible.email()).matches())) {
                errors.add(new FieldError("responsiblePerson.email", "Bitte eine gültige E-Mail-Adresse angeben."));
            }
            if (responsible.phone() != null
                    && !PHONE.matcher(responsible.phone()).matches()) {
                errors.add(new FieldError(
                        "responsiblePerson.phone",
                        "Bitte eine Telefonnummer aus Ziffern, Leerzeichen und + ( ) / - angeben."));
            }
        }
        return errors;
    }

    /** Checks the service-center contract as it arrives (both fields required); adds to {@code errors}. */
    public static ServiceCenterContract contract(String serviceCenterId, LocalDate orderedOn, List<FieldError> errors) {
        boolean ok = true;
        if (serviceCenterId == null || serviceCenterId.isBlank()) {
            errors.add(new FieldError(
                    "serviceCenterContract.serviceCenterId", "Bitte die Kennung des Service Centers angeben."));
            ok = false;
        } else if (!SERVICE_CENTER_ID.matcher(serviceCenterId.strip()).matches()) {
            errors.add(new FieldError(
                    "serviceCenterContract.serviceCenterId",
                    "Die Kennung besteht aus Buchstaben, Ziffern, Punkt, Bindestrich und Unterstrich (höchstens 64)."));
            ok = false;
        }
        if (orderedOn == null) {
            errors.add(new FieldError(
                    "serviceCenterContract.orderedOn",
                    "Bitte das Datum angeben, an dem die technische Einrichtung beauftragt wurde."));
            ok = false;
        }
        return ok ? new ServiceCenterContract(serviceCenterId.strip(), orderedOn) : null;
    }

    /** What differs in the published master data (not the contact person). */
    public List<Difference> differencesTo(OfficeMasterData after) {
        List<Difference> differences = new ArrayList<>();
        add(differences, "name", "Name", Display.text(name), Display.text(after.name));
        add(differences, "type", "Art der Dienststelle", type(type), type(after.type));
        add(
                differences,
                "goLiveOn",
                "Aufschalttermin",
                GermanDates.format(goLiveOn),
                GermanDates.format(after.goLiveOn));
        add(differences, "suspended", "Ausgesetzt", Display.yesNo(suspended), Display.yesNo(after.suspended));
        add(
                differences,
                "serviceCenterContract",
                "Service-Center-Vertrag",
                contract(contract),
                contract(after.contract));
        return differences;
    }

    public static String type(OfficeType type) {
        if (type == null) {
            return Display.NONE;
        }
        return type == OfficeType.JOBCENTER ? "Jobcenter" : "Agentur für Arbeit";
    }

    private static String contract(ServiceCenterContract c) {
        return c == null
                ? "kein Vertrag"
                : c.serviceCenterId() + ", beauftragt am " + GermanDates.format(c.orderedOn()) + ", wirksam ab "
                        + GermanDates.format(c.effectiveFrom());
    }

    private static void singleLine(String value, String field, int max, List<FieldError> errors) {
        if (value.contains("\n")) {
            errors.add(new FieldError(field, "Bitte ohne Zeilenumbruch angeben."));
            return;
        }
        PlainText.problem(value, max).ifPresent(m -> errors.add(new FieldError(field, m)));
    }

    private static void add(List<Difference> differences, String field, String label, String before, String after) {
        if (!Objects.equals(before, after)) {
            differences.add(new Difference(field, label, before, after));
        }
    }
}
