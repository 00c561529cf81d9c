package de.jobcenter.postfach.config.rules;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Dates as German users read them: {@code 13.07.2026}. */
public final class GermanDates {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private GermanDates() {}

    public static String format(LocalDate date) {
        return date == null ? "—" : FORMAT.format(date);
    }
}
