package de.jobcenter.postfach.config.web;

import de.jobcenter.postfach.kit.problem.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The errors of a form, for the error summary at the top (each linked to its field, in the order of the form) and for
 * the inline messages next to the fields.
 */
public final class FormErrors {
    /** One line of the error summary. {@code href} is {@code null} when no field of the form shows the error. */
    public record Item(String label, String message, String href) {}

    private final List<Item> items;
    private final Map<String, String> byField;

    private FormErrors(List<Item> items, Map<String, String> byField) {
        this.items = List.copyOf(items);
        this.byField = Map.copyOf(byField);
    }

    public static FormErrors none() {
        return new FormErrors(List.of(), Map.of());
    }

    /**
     * The errors of the domain.
     *
     * @param fieldsOnForm the ids of the fields the page shows
     * @param labels the label of a field path, for the summary
     * @param target where a field lives ({@code #id} on this page, or a link to another page)
     */
    static FormErrors of(
            List<FieldError> errors,
            Set<String> fieldsOnForm,
            Function<String, String> labels,
            Function<String, String> target) {
        List<Item> items = new ArrayList<>();
        Map<String, String> byField = new LinkedHashMap<>();
        for (FieldError error : errors) {
            String field = error.field() == null ? "" : error.field();
            boolean onForm = fieldsOnForm.contains(field);
            items.add(new Item(labels.apply(field), error.message(), onForm ? target.apply(field) : null));
            if (onForm) {
                byField.merge(field, error.message(), (a, b) -> a + " " + b);
            }
        }
        return new FormErrors(items, byField);
    }

    public boolean any() {
        return !items.isEmpty();
    }

    public List<Item> items() {
        return items;
    }

    public int count() {
        return items.size();
    }

    /** „Es gibt 1 Problem“ / „Es gibt 3 Probleme“. */
    public String heading() {
        return items.size() == 1 ? "Es gibt 1 Problem" : "Es gibt " + items.size() + " Probleme";
    }

    /** The inline message of a field, or {@code null}. */
    public String of(String field) {
        return byField.get(field);
    }
}
