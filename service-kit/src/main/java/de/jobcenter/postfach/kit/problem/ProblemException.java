package de.jobcenter.postfach.kit.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thrown by domain services and resources to answer with a problem document. Its message is the problem's
 * detail, which must never quote message content.
 */
public class ProblemException extends RuntimeException {
    private final ProblemType type;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.extensions = new LinkedHashMap<>(extensions);
    }

    public static ProblemException validation(List<FieldError> errors) {
        return new ProblemException(
                CommonProblems.VALIDATION, "Bitte die markierten Angaben korrigieren.", errors, Map.of());
    }

    public static ProblemException notFound() {
        return new ProblemException(CommonProblems.NOT_FOUND, null);
    }

    public ProblemType type() {
        return type;
    }

    public Problem toProblem() {
        return new Problem(type.uri(), type.title(), type.status(), getMessage(), errors, extensions);
    }
}
