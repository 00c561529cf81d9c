package de.jobcenter.postfach.servicecenter.inbound;

import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.kit.problem.ProblemType;
import de.jobcenter.postfach.servicecenter.config.ServiceCenterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the VCC's signature on a callback: HMAC-SHA256 over {@code <timestamp>.<body>} with the shared secret,
 * a timestamp within the window, and each signature used once. A signature counts as used only when its call
 * succeeded, so a VCC retry after a failure on our side is still accepted.
 */
@ApplicationScoped
public class SignatureVerifier {
    public static final String TIMESTAMP_HEADER = "X-VCC-Timestamp";
    public static final String SIGNATURE_HEADER = "X-VCC-Signature";
    static final ProblemType INVALID_SIGNATURE =
            new ProblemType("invalid-signature", "Die Signatur der Anfrage ist ungültig.", 401);

    private final Map<String, Instant> used = new ConcurrentHashMap<>();

    @Inject
    ServiceCenterConfig config;

    @Inject
    Clock clock;

    /**
     * @return the signature, to pass to {@link #markUsed} or {@link #release} once the call is done
     */
    public String verify(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || !signature.startsWith("sha256=")) {
            throw refused("Signatur oder Zeitstempel fehlt.");
        }
        Instant signedAt;
        try {
            signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw refused("Der Zeitstempel ist ungültig.");
        }
        Instant now = clock.instant();
        Duration window = config.signatureWindow();
        if (signedAt.isBefore(now.minus(window)) || signedAt.isAfter(now.plus(window))) {
            throw refused("Der Zeitstempel liegt außerhalb des erlaubten Fensters.");
        }
        byte[] expected = sign(config.hmacSecret(), timestamp.trim(), body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.substring("sha256=".length()));
        } catch (IllegalArgumentException e) {
            throw refused("Die Signatur ist ungültig.");
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw refused("Die Signatur ist ungültig.");
        }
        pruneOlderThan(now.minus(window.multipliedBy(2)));
        if (used.putIfAbsent(signature, now) != null) {
            throw refused("Diese Signatur wurde bereits verwendet.");
        }
        return signature;
    }

    /** The call failed on our side: the VCC may send it again with the same signature. */
    public void release(String signature) {
        used.remove(signature);
    }

    public static byte[] sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private void pruneOlderThan(Instant limit) {
        used.values().removeIf(at -> at.isBefore(limit));
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(INVALID_SIGNATURE, detail);
    }
}
