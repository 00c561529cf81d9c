package de.jobcenter.postfach.mailbox.http;

import de.jobcenter.postfach.kit.problem.CommonProblems;
import de.jobcenter.postfach.kit.problem.ProblemType;
import de.jobcenter.postfach.mailbox.customer.CustomerProblems;
import de.jobcenter.postfach.mailbox.idempotency.IdempotencyProblems;
import de.jobcenter.postfach.mailbox.message.MessageProblems;
import de.jobcenter.postfach.mailbox.office.OfficeProblems;
import de.jobcenter.postfach.mailbox.security.LevelOfAssuranceFilter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which problem types each operation of the API can answer with: the source of the OpenAPI document's error
 * responses ({@link OpenApiProblemFilter}) and of the README's table. A test checks that the document lists them.
 */
public final class ApiProblems {
    /** Every operation: the caller is checked, the answer format negotiated, and the database may be away. */
    static final List<ProblemType> EVERY_OPERATION = List.of(
            CommonProblems.UNAUTHORIZED,
            LevelOfAssuranceFilter.INSUFFICIENT_LEVEL_OF_ASSURANCE,
            CommonProblems.NOT_ACCEPTABLE,
            CommonProblems.INTERNAL,
            CommonProblems.SERVICE_UNAVAILABLE);

    /** Every operation that takes a JSON body. */
    static final List<ProblemType> WITH_BODY = List.of(
            CommonProblems.MALFORMED_REQUEST,
            CommonProblems.VALIDATION,
            CommonProblems.PAYLOAD_TOO_LARGE,
            CommonProblems.UNSUPPORTED_MEDIA_TYPE);

    private static final Set<String> TAKES_BODY = Set.of("setNotifications", "writeMessage", "replyToMessage");

    private static final Map<String, List<ProblemType>> OWN = Map.ofEntries(
            Map.entry("getProfile", List.of()),
            Map.entry("setNotifications", List.of(CustomerProblems.NO_VERIFIED_EMAIL)),
            Map.entry("searchOffices", List.of(CommonProblems.VALIDATION)),
            Map.entry("officeConcerns", List.of(OfficeProblems.OFFICE_NOT_FOUND)),
            Map.entry(
                    "writeMessage",
                    List.of(
                            OfficeProblems.OFFICE_NOT_FOUND,
                            OfficeProblems.OFFICE_NOT_LIVE,
                            OfficeProblems.CONCERN_NOT_OFFERED,
                            OfficeProblems.CONCERN_IS_ONLINE_FLOW,
                            IdempotencyProblems.KEY_REUSED,
                            IdempotencyProblems.KEY_IN_FLIGHT)),
            Map.entry("listMessages", List.of(CommonProblems.VALIDATION)),
            Map.entry("unreadCount", List.of()),
            Map.entry("readMessage", List.of(CommonProblems.NOT_FOUND)),
            Map.entry(
                    "replyToMessage",
                    List.of(
                            CommonProblems.NOT_FOUND,
                            MessageProblems.NOT_A_STAFF_MESSAGE,
                            IdempotencyProblems.KEY_REUSED,
                            IdempotencyProblems.KEY_IN_FLIGHT)),
            Map.entry("deleteMessage", List.of(CommonProblems.NOT_FOUND)),
            Map.entry("getConversation", List.of(CommonProblems.NOT_FOUND)));

    private ApiProblems() {}

    /** The operation ids of the API. */
    public static Set<String> operations() {
        return OWN.keySet();
    }

    /** Every problem type an operation can answer with; empty for an unknown operation. */
    public static List<ProblemType> of(String operationId) {
        List<ProblemType> own = OWN.get(operationId);
        if (own == null) {
            return List.of();
        }
        Set<ProblemType> all = new LinkedHashSet<>(own);
        if (TAKES_BODY.contains(operationId)) {
            all.addAll(WITH_BODY);
        }
        all.addAll(EVERY_OPERATION);
        return new ArrayList<>(all);
    }
}
