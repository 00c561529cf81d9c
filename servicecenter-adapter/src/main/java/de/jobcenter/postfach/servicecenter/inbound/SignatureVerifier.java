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
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the VCC's signature on a callback: HMAC-SHA256 over {@code <timestamp>.<body>} with the shared secret, and
 * a timestamp within the window. That each signature is used once is the {@link UsedSignatureRepository}'s part.
 */
@ApplicationScoped
public class SignatureVerifier {
    public static final String TIMESTAMP_HEADER = "X-VCC-Timestamp";
    public static final String SIGNATURE_HEADER = "X-VCC-Signature";
    static final String PREFIX = "sha256=";
    static final ProblemType INVALID_SIGNATURE =
            new ProblemType("invalid-signature", "Die Signatur der Anfrage ist ungültig.", 401);

    @Inject
    ServiceCenterConfig config;

    @Inject
    Clock clock;

    /** A signature that is genuine and fresh: {@code sha256=<lowercase hex>} and when it was made. */
    public record Verified(String signature, Instant signedAt) {}

    public Verified verify(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || !signature.startsWith(PREFIX)) {
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
            given = HexFormat.of().parseHex(signature.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw refused("Die Signatur ist ungültig.");
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw refused("Die Signatur ist ungültig.");
        }
        return new Verified(PREFIX + HexFormat.of().formatHex(given).toLowerCase(Locale.ROOT), signedAt);
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

    static ProblemException refused(String detail) {
        return new ProblemException(INVALID_SIGNATURE, detail);
    }
}
