package de.jobcenter.postfach.mailbox.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import de.jobcenter.postfach.mailbox.config.MailboxConfig;
import de.jobcenter.postfach.mailbox.persistence.PlainSql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
    PlainSql sql;

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
        int inserted = sql.update("""
                insert into idempotency_key (customer_id, idempotency_key, request_hash, state, created_at)
                values (?, ?, ?, 'IN_FLIGHT', ?)
                on conflict (customer_id, idempotency_key) do nothing
                """, customerId, key, hash, now);
        if (inserted == 1) {
            return new Claim(Outcome.CLAIMED, null);
        }
        List<Stored> rows = sql.query(
                """
                select request_hash, state, response_status, response_location, response_body, created_at
                  from idempotency_key
                 where customer_id = ? and idempotency_key = ?
                   for update
                """,
                row -> new Stored(
                        row.getString(1),
                        row.getString(2),
                        (Integer) row.getObject(3),
                        row.getString(4),
                        row.getString(5),
                        PlainSql.instant(row, 6)),
                customerId,
                key);
        if (rows.isEmpty()) {
            // purged between the two statements: claim it again
            return claim(customerId, key, hash);
        }
        Stored row = rows.get(0);
        boolean expired =
                row.createdAt().isBefore(now.minus(config.idempotency().keep()));
        boolean abandoned = "IN_FLIGHT".equals(row.state())
                && row.createdAt().isBefore(now.minus(config.idempotency().inFlightTimeout()));
        if (expired || abandoned) {
            sql.update("""
                    update idempotency_key
                       set request_hash = ?, state = 'IN_FLIGHT', response_status = null,
                           response_location = null, response_body = null, created_at = ?,
                           completed_at = null
                     where customer_id = ? and idempotency_key = ?
                    """, hash, now, customerId, key);
            return new Claim(Outcome.CLAIMED, null);
        }
        if (!hash.equals(row.requestHash())) {
            return new Claim(Outcome.REUSED, null);
        }
        if ("IN_FLIGHT".equals(row.state())) {
            return new Claim(Outcome.IN_FLIGHT, null);
        }
        return new Claim(Outcome.REPLAY, new Answer(row.status(), row.location(), row.body()));
    }

    /** A stored key as {@link #claim} reads it. */
    private record Stored(
            String requestHash, String state, Integer status, String location, String body, Instant createdAt) {}

    private void complete(String customerId, String key, Answer answer) {
        sql.update("""
                update idempotency_key
                   set state = 'DONE', response_status = ?, response_location = ?, response_body = ?,
                       completed_at = ?
                 where customer_id = ? and idempotency_key = ?
                """, answer.status(), answer.location(), answer.body(), now(), customerId, key);
    }

    private void release(String customerId, String key) {
        try {
            inNewTransaction(() -> sql.update(
                    "delete from idempotency_key where customer_id = ? and idempotency_key = ? and state = 'IN_FLIGHT'",
                    customerId,
                    key));
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

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
