package de.jobcenter.postfach.kit.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.jobcenter.postfach.kit.problem.CommonProblems;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a staff message posted as JSON with the service's strict mapper (unknown fields are refused), after
 * refusing attachments with an explanation: staff messages carry no attachments yet, and one that names some is
 * refused rather than forwarded without them.
 */
public final class StaffMessageJson {
    /** Field names a target system might use for attachments, compared without case. */
    static final Set<String> ATTACHMENT_FIELDS = Set.of(
            "attachments", "attachment", "files", "file", "documents", "anhaenge", "anhänge", "anhang", "anlagen");

    static final String ATTACHMENTS_REFUSED = "Anhänge werden noch nicht unterstützt. Bitte die Nachricht ohne"
            + " Anhang senden; die Nachricht wurde nicht weitergeleitet.";

    private StaffMessageJson() {}

    /**
     * @throws ProblemException 400 for an empty body, a body that is not a JSON object, or attachments
     * @throws IOException for malformed JSON, unknown fields or wrong types (the service's problem mappers answer 400)
     */
    public static <T> T read(byte[] body, Class<T> type, ObjectMapper strictMapper) throws IOException {
        if (body == null || body.length == 0) {
            throw ProblemException.validation(List.of(new FieldError("", "Die Nachricht fehlt.")));
        }
        JsonNode tree = strictMapper.readTree(body);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw ProblemException.validation(List.of(new FieldError("", "Die Nachricht fehlt.")));
        }
        if (!tree.isObject()) {
            throw new ProblemException(CommonProblems.MALFORMED_REQUEST, "Erwartet wird ein JSON-Objekt.");
        }
        List<FieldError> attachments = new ArrayList<>();
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (ATTACHMENT_FIELDS.contains(name.toLowerCase(Locale.ROOT))) {
                attachments.add(new FieldError(name.toLowerCase(Locale.ROOT), ATTACHMENTS_REFUSED));
            }
        }
        if (!attachments.isEmpty()) {
            throw ProblemException.validation(attachments);
        }
        return strictMapper.treeToValue(tree, type);
    }
}
