package de.jobcenter.postfach.contracts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based (version 5) UUIDs: the same input gives the same id on every replica and every retry,
 * which is what makes event ids and staff message ids stable without a lookup. The JDK only offers
 * version 3 (MD5).
 */
public final class Uuids {

    /** The project's namespace: {@code v5(RFC 4122 URL namespace, "https://jobcenter.digital/postfach")}. */
    public static final UUID NAMESPACE = UUID.fromString("9a9137be-5472-52f1-b9f3-6f8a0efd7c78");

    private Uuids() {}

    /** RFC 4122 §4.3 with SHA-1: the namespace's bytes followed by the name's UTF-8 bytes. */
    public static UUID v5(UUID namespace, String name) {
        MessageDigest sha1 = sha1();
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    /**
     * The id of a staff message from its channel and the source system's own id (E-AKTE/VCC id, mail
     * Message-ID), so a retried callback or a re-read mail keeps the id.
     */
    public static UUID staffMessageId(Channel channel, String sourceId) {
        return v5(NAMESPACE, "staff-message:" + channel.name() + ":" + sourceId);
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-1", e);
        }
    }
}
