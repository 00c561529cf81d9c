package de.jobcenter.postfach.kit.problem;

/** One invalid field of a request: its JSON name and a German message. */
public record FieldError(String field, String message) {}
