package de.jobcenter.postfach.outlook.correlation;

import de.jobcenter.postfach.outlook.config.OutlookConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The subject token {@code [PF-<16 Base32 characters>]} that binds a staff answer to its conversation and office: the
 * first 80 bits of HMAC-SHA256 over both, in Base32. Nobody without the key can make a token for a conversation,
 * and every mail of a conversation carries the same token. A token is honoured only if the adapter recorded it
 * when it mailed the conversation (see {@link ReplyCorrelation}).
 */
@ApplicationScoped
public class ReplyTokens {
    /** A token anywhere in a subject; Outlook keeps it when staff answer ("AW: ..."). */
    public static final Pattern IN_SUBJECT = Pattern.compile("\\[PF-([A-Z2-7]{16})\\]", Pattern.CASE_INSENSITIVE);

    private static final int MIN_KEY_BYTES = 32;
    private static final int TOKEN_BYTES = 10;
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    @Inject
    OutlookConfig config;

    private SecretKeySpec key;

    @PostConstruct
    void init() {
        useKey(config.replyToken().key());
    }

    /** Tokens made with the given key (Base64); for tests and tools. */
    public static ReplyTokens withKey(String base64Key) {
        ReplyTokens tokens = new ReplyTokens();
        tokens.useKey(base64Key);
        return tokens;
    }

    private void useKey(String base64Key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("postfach.outlook.reply-token.key is not Base64");
        }
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalStateException(
                    "postfach.outlook.reply-token.key must hold at least " + MIN_KEY_BYTES + " bytes");
        }
        key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** The token of a conversation of an office, without brackets. */
    public String token(UUID conversationId, String officeId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((conversationId + "|" + officeId).getBytes(StandardCharsets.UTF_8));
            return base32(digest, TOKEN_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    /** How the token appears in a subject. */
    public static String inSubject(String token) {
        return "[PF-" + token + "]";
    }

    /** The token a subject carries, upper-cased; empty when there is none. */
    public static Optional<String> find(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher m = IN_SUBJECT.matcher(subject);
        return m.find() ? Optional.of(m.group(1).toUpperCase(java.util.Locale.ROOT)) : Optional.empty();
    }

    /** RFC 4648 Base32 of the first {@code length} bytes (a multiple of 5), without padding. */
    static String base32(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder(length * 8 / 5);
        for (int i = 0; i < length; i += 5) {
            long chunk = 0;
            for (int j = 0; j < 5; j++) {
                chunk = (chunk << 8) | (bytes[i + j] & 0xff);
            }
            for (int shift = 35; shift >= 0; shift -= 5) {
                out.append(BASE32[(int) ((chunk >> shift) & 31)]);
            }
        }
        return out.toString();
    }
}
