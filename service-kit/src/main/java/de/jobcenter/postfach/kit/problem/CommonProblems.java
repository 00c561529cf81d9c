package de.jobcenter.postfach.kit.problem;

/** The problem types every service can answer with. */
public final class CommonProblems {
    public static final ProblemType VALIDATION = new ProblemType("validation", "Die Angaben sind ungültig.", 400);
    public static final ProblemType MALFORMED_REQUEST =
            new ProblemType("malformed-request", "Die Anfrage ist kein gültiges JSON-Dokument.", 400);
    public static final ProblemType UNAUTHORIZED =
            new ProblemType("unauthorized", "Anmeldung erforderlich oder ungültig.", 401);
    public static final ProblemType FORBIDDEN = new ProblemType("forbidden", "Keine Berechtigung.", 403);
    public static final ProblemType NOT_FOUND = new ProblemType("not-found", "Nicht gefunden.", 404);
    public static final ProblemType METHOD_NOT_ALLOWED =
            new ProblemType("method-not-allowed", "Diese Methode ist hier nicht erlaubt.", 405);
    public static final ProblemType NOT_ACCEPTABLE =
            new ProblemType("not-acceptable", "Das gewünschte Antwortformat wird nicht angeboten.", 406);
    public static final ProblemType CONFLICT = new ProblemType("conflict", "Die Anfrage steht im Konflikt.", 409);
    public static final ProblemType PAYLOAD_TOO_LARGE =
            new ProblemType("payload-too-large", "Die Anfrage ist zu groß.", 413);
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
            new ProblemType("unsupported-media-type", "Das Format der Anfrage wird nicht unterstützt.", 415);
    public static final ProblemType UNPROCESSABLE =
            new ProblemType("unprocessable", "Die Anfrage kann nicht verarbeitet werden.", 422);
    public static final ProblemType SERVICE_UNAVAILABLE = new ProblemType(
            "service-unavailable", "Der Dienst ist vorübergehend nicht verfügbar. Bitte später erneut versuchen.", 503);
    public static final ProblemType INTERNAL = new ProblemType("internal", "Ein interner Fehler ist aufgetreten.", 500);

    private CommonProblems() {}
}
