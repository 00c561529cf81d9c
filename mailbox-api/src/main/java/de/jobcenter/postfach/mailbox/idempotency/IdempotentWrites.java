package de.jobcenter.postfach.mailbox.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import de.jobcenter.postfach.mailbox.config.MailboxConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Runs a write at most once per customer and {@code Idempotency-Key}: a retry with the same key and the same request
 * gets the first answer (status, {@code Location}, body) and stores nothing new; the same key with another request
 * is refused (422); a retry while the first is still running is refused (409).
 *
 * <p>The key is claimed in a transaction of its own, so a concurrent retry sees it. The write and the answer it
 * produced are stored in one transaction, so an answer exists exactly when the write committed. A refused or
 * failed write releases the key: nothing is stored, and the corrected request may use it again.
 */
@ApplicationScoped
public class IdempotentWrites {
    public static final String HEADER = "Idempotency-Key";
    /** Set on an answer that repeats the first answer to a key. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger LOG = Logger.getLogger(IdempotentWrites.class);
    /** UUIDs, ULIDs, base64 and the like; nothing a log or a header could misread. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:+/=-]{1,255}");

    @Inject
    EntityManager em;

    @Inject
    MailboxConfig config;

    @Inject
    Clock clock;

    /** The answer to a write, as sent and as stored for a retry. */
    public record Answer(int status, String location, String body) {
        Response toResponse(boolean replayed) {
            Response.ResponseBuilder response = Response.status(status)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(body.getBytes(StandardCharsets.UTF_8));
            if (location != null) {
                response.location(URI.create(location));
            }
            if (replayed) {
                response.header(REPLAYED_HEADER, "true");
            }
            return response.build();
        }
    }

    private enum Outcome {
        CLAIMED,
        REPLAY,
        IN_FLIGHT,
        REUSED
    }

    private record Claim(Outcome outcome, Answer answer) {}

    /**
     * The {@code Idempotency-Key} of a request: null when the header is absent, otherwise its value — also an empty
     * one, which is refused like any unusable key. Sent more than once, it is refused too.
     */
    public static String keyOf(HttpHeaders headers) {
        List<String> values = headers.getRequestHeader(HEADER);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ProblemException.validation(
                    List.of(new FieldError(HEADER, "Bitte nur einen Idempotency-Key je Anfrage senden.")));
        }
        return values.get(0) == null ? "" : values.get(0);
    }

    /**
     * @param key the header's value; without one the write simply runs
     * @param operation names the endpoint and its target (e.g. {@code POST /api/v1/messages}); part of the hash
     * @param request the parsed request body; its canonical JSON is part of the hash
     * @param write runs the write and renders its answer, in the transaction that also stores the answer
     */
    public Response execute(String customerId, String key, String operation, Object request, Supplier<Answer> write) {
        if (key == null) {
            return inNewTransaction(write::get).toResponse(false);
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.validation(List.of(new FieldError(
                    HEADER,
                    "1 bis 255 Zeichen aus A–Z, a–z, 0–9 und ._:+/=-, z. B. eine UUID; für jede neue Nachricht eine"
                            + " neue.")));
        }
        String hash = hash(operation, request);
        Claim claim = inNewTransaction(() -> claim(customerId, key, hash));
        switch (claim.outcome()) {
            case REPLAY:
                return claim.answer().toResponse(true);
            case REUSED:
                throw new ProblemException(
                        IdempotencyProblems.KEY_REUSED,
                        "Für eine neue Nachricht bitte einen neuen Idempotency-Key verwenden.");
            case IN_FLIGHT:
                throw new ProblemException(
                        IdempotencyProblems.KEY_IN_FLIGHT,
                        "Die erste Anfrage mit diesem Idempotency-Key läuft noch; bitte gleich noch einmal versuchen.");
            default:
                break;
        }
        try {
            return inNewTransaction(() -> {
                        Answer answer = write.get();
                        complete(customerId, key, answer);
                        return answer;
                    })
                    .toResponse(false);
        } catch (RuntimeException | Error e) {
            release(customerId, key);
            throw e;
        }
    }

    private Claim claim(String customerId, String key, String hash) {
        Instant now = now();
        int inserted = em.createNativeQuery("""
                        insert into idempotency_key (customer_id, idempotency_key, request_hash, state, created_at)
                        values (?1, ?2, ?3, 'IN_FLIGHT', ?4)
                        on conflict (customer_id, idempotency_key) do nothing
                        """)
                .setParameter(1, customerId)
                .setParameter(2, key)
                .setParameter(3, hash)
                .setParameter(4, now)
                .executeUpdate();
        if (inserted == 1) {
            return new Claim(Outcome.CLAIMED, null);
        }
        List<?> rows = em.createNativeQuery("""
                        select request_hash, state, response_status, response_location, response_body, created_at
                          from idempotency_key
                         where customer_id = ?1 and idempotency_key = ?2
                           for update
                        """)
                .setParameter(1, customerId)
                .setParameter(2, key)
                .getResultList();
        if (rows.isEmpty()) {
            // purged between the two statements: claim it again
            return claim(customerId, key, hash);
        }
        Object[] row = (Object[]) rows.get(0);
        Instant createdAt = toInstant(row[5]);
        boolean expired = createdAt.isBefore(now.minus(config.idempotency().keep()));
        boolean abandoned = "IN_FLIGHT".equals(row[1])
                && createdAt.isBefore(now.minus(config.idempotency().inFlightTimeout()));
        if (expired || abandoned) {
            em.createNativeQuery("""
                            update idempotency_key
                               set request_hash = ?3, state = 'IN_FLIGHT', response_status = null,
                                   response_location = null, response_body = null, created_at = ?4,
                                   completed_at = null
                             where customer_id = ?1 and idempotency_key = ?2
                            """)
                    .setParameter(1, customerId)
                    .setParameter(2, key)
                    .setParameter(3, hash)
                    .setParameter(4, now)
                    .executeUpdate();
            return new Claim(Outcome.CLAIMED, null);
        }
        if (!hash.equals(row[0])) {
            return new Claim(Outcome.REUSED, null);
        }
        if ("IN_FLIGHT".equals(row[1])) {
            return new Claim(Outcome.IN_FLIGHT, null);
        }
        return new Claim(Outcome.REPLAY, new Answer(((Number) row[2]).intValue(), (String) row[3], (String) row[4]));
    }

    private void complete(String customerId, String key, Answer answer) {
        em.createNativeQuery("""
                        update idempotency_key
                           set state = 'DONE', response_status = ?3, response_location = ?4, response_body = ?5,
                               completed_at = ?6
                         where customer_id = ?1 and idempotency_key = ?2
                        """)
                .setParameter(1, customerId)
                .setParameter(2, key)
                .setParameter(3, answer.status())
                .setParameter(4, answer.location())
                .setParameter(5, answer.body())
                .setParameter(6, now())
                .executeUpdate();
    }

    private void release(String customerId, String key) {
        try {
            inNewTransaction(() -> em.createNativeQuery(
                            "delete from idempotency_key where customer_id = ?1 and idempotency_key = ?2 "
                                    + "and state = 'IN_FLIGHT'")
                    .setParameter(1, customerId)
                    .setParameter(2, key)
                    .executeUpdate());
        } catch (RuntimeException e) {
            // It expires after postfach.idempotency.in-flight-timeout; a retry then runs the write again.
            LOG.warnf("Could not release an idempotency key: %s", SafeThrowables.describe(e));
        }
    }

    /** SHA-256 of the operation and the request's canonical JSON (field order of the request record). */
    public static String hash(String operation, Object request) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(operation.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(EventJson.mapper().writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot hash a request: " + SafeThrowables.describe(e));
        }
    }

    private static <T> T inNewTransaction(Callable<T> work) {
        try {
            return QuarkusTransaction.requiringNew().call(work);
        } catch (QuarkusTransactionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException(
                "Unexpected timestamp type " + value.getClass().getName());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
