package de.jobcenter.postfach.config.rules;

/**
 * One field that differs between two configurations (or two versions of an office), for people to read.
 *
 * @param field the JSON path of the field, e.g. {@code concerns.RENT_AND_HEATING.channel}
 * @param label what the field is, in German, e.g. „Fragen zu Miete und Heizkosten: Eingangskanal“
 * @param before the value before, as shown to people („—“ for none)
 * @param after the value after
 */
public record Difference(String field, String label, String before, String after) {}
