package de.jobcenter.postfach.config.web;

import java.util.ArrayList;
import java.util.List;

/**
 * One form field as a template renders it: its id (the domain's field path, so an error of the domain finds its field),
 * its name, the value to show, an inline error and a hint. The error and the hint are tied to the field with
 * {@code aria-describedby}; an error also sets {@code aria-invalid}.
 */
public record Field(String id, String value, String error, String hint) {

    public String name() {
        return id;
    }

    public boolean invalid() {
        return error != null;
    }

    public String errorId() {
        return id + "-fehler";
    }

    public String hintId() {
        return id + "-hinweis";
    }

    /** The ids that describe the field (hint, error), or {@code null} when nothing does. */
    public String describedBy() {
        List<String> ids = new ArrayList<>(2);
        if (hint != null) {
            ids.add(hintId());
        }
        if (error != null) {
            ids.add(errorId());
        }
        return ids.isEmpty() ? null : String.join(" ", ids);
    }

    /** The id of a radio button or option: the first option has the field's id, so error links land in the group. */
    public String optionId(String option, boolean first) {
        return first ? id : id + "-" + option;
    }

    public boolean is(String option) {
        return option.equals(value);
    }

    public boolean checked() {
        return "true".equals(value);
    }

    public String valueOrEmpty() {
        return value == null ? "" : value;
    }
}
