package de.jobcenter.postfach.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Access tokens for tests, signed by the {@link OidcTestServer}'s key so services verify them exactly
 * as they verify production tokens. One fluent builder per kind of caller, with the claim names the
 * services read ({@code customer_number}, {@code email}/{@code email_verified}, {@code current_office},
 * {@code acr}, roles in {@code groups} and Keycloak's {@code realm_access.roles}, {@code offices}), and
 * the broken tokens the security tests need: another key, {@code alg=none}, HMAC keyed with the public
 * key, wrong issuer or audience, expired.
 *
 * <pre>{@code
 * String bearer = Tokens.customer("sub-1").acr("pin-letter-confirmed").customerNumber("123D456789").sign();
 * }</pre>
 */
public final class Tokens {

    public static final String CUSTOMER_AUDIENCE = "postfach-mailbox";
    public static final String STAFF_AUDIENCE = "postfach-config";
    public static final String SERVICE_AUDIENCE = "postfach-adapters";
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KeyPair foreignKey;

    private Tokens() {}

    /** A portal customer: {@code sub} is the customer id; audience {@value #CUSTOMER_AUDIENCE}. No {@code acr} unless set. */
    public static Builder customer(String subject) {
        return new Builder(subject, CUSTOMER_AUDIENCE);
    }

    /** A job-centre employee of the configuration tool; audience {@value #STAFF_AUDIENCE}. */
    public static Builder staff(String username) {
        return new Builder(username, STAFF_AUDIENCE).claim("preferred_username", username);
    }

    /**
     * A machine client with client credentials (E-AKTE, the VCC), shaped like Keycloak's service-account
     * tokens: {@code sub} {@code service-account-<clientId>}, {@code azp} and {@code client_id} the client;
     * audience {@value #SERVICE_AUDIENCE}.
     */
    public static Builder serviceClient(String clientId) {
        return new Builder("service-account-" + clientId, SERVICE_AUDIENCE)
                .claim("azp", clientId)
                .claim("client_id", clientId)
                .claim("preferred_username", "service-account-" + clientId);
    }

    /** Builds and signs one token. Each setter replaces what was set before. */
    public static final class Builder {

        private enum Signing {
            SERVER_KEY,
            FOREIGN_KEY,
            NONE,
            HMAC_WITH_PUBLIC_KEY
        }

        private final String subject;
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private final Set<String> removed = new LinkedHashSet<>();
        private List<String> audiences;
        private String issuer;
        private Instant expiresAt;
        private Instant issuedAt;
        private List<String> roles = List.of();
        private Signing signing = Signing.SERVER_KEY;
        private OidcTestServer server;

        private Builder(String subject, String audience) {
            this.subject = Objects.requireNonNull(subject, "subject");
            this.audiences = List.of(audience);
        }

        /** Level of assurance, e.g. {@code pin-letter-confirmed}. */
        public Builder acr(String acr) {
            return claim("acr", acr);
        }

        /** The BA customer number ({@code customer_number}). */
        public Builder customerNumber(String customerNumber) {
            return claim("customer_number", customerNumber);
        }

        public Builder email(String email, boolean verified) {
            claim("email", email);
            return claim("email_verified", verified);
        }

        /** The job centre of a running benefit case ({@code current_office}). */
        public Builder currentOffice(String officeId) {
            return claim("current_office", officeId);
        }

        /** Roles, in {@code groups} and in {@code realm_access.roles}. */
        public Builder roles(String... roles) {
            this.roles = List.of(roles);
            return this;
        }

        /** Offices the caller acts for ({@code offices}, a JSON array). */
        public Builder offices(String... officeIds) {
            return claim("offices", List.of(officeIds));
        }

        /** Replaces the audience; several values make {@code aud} an array. */
        public Builder audience(String... audiences) {
            this.audiences = List.of(audiences);
            return this;
        }

        /** Replaces the issuer (default: the server's issuer), e.g. for a wrong-issuer test. */
        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /** Expired five minutes ago (issued fifteen minutes ago). */
        public Builder expired() {
            Instant now = Instant.now();
            this.issuedAt = now.minus(Duration.ofMinutes(15));
            this.expiresAt = now.minus(Duration.ofMinutes(5));
            return this;
        }

        /** Any other claim; a {@code null} value removes the claim. Lists become arrays, maps objects. */
        public Builder claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
                removed.add(name);
            } else {
                claims.put(name, value);
                removed.remove(name);
            }
            return this;
        }

        /** Leaves a standard claim out ({@code iss}, {@code aud}, {@code exp}, {@code iat}, {@code jti} …). */
        public Builder without(String claim) {
            return claim(claim, null);
        }

        /** Signs with a key the server never published (same {@code kid}): the signature check must fail. */
        public Builder signedWithForeignKey() {
            signing = Signing.FOREIGN_KEY;
            return this;
        }

        /** An unsecured JWT: header {@code alg=none}, empty signature. */
        public Builder unsigned() {
            signing = Signing.NONE;
            return this;
        }

        /** HS256 keyed with the server's public key (PEM): the RS/HS algorithm-confusion attack. */
        public Builder signedWithPublicKeyAsHmacSecret() {
            signing = Signing.HMAC_WITH_PUBLIC_KEY;
            return this;
        }

        /** Uses another server than the shared one for issuer and key. */
        public Builder signedBy(OidcTestServer server) {
            this.server = server;
            return this;
        }

        /** The claims as they will be signed. */
        public JsonNode claims() {
            return payload(server());
        }

        /** The compact serialized token. */
        public String sign() {
            OidcTestServer.Control key = server().control();
            String payload = payload(server()).toString();
            return switch (signing) {
                case SERVER_KEY -> key.sign(payload);
                case FOREIGN_KEY ->
                    OidcTestServer.signRs256(key.getKeyId(), foreignKey().getPrivate(), payload);
                case NONE ->
                    OidcTestServer.base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                            + OidcTestServer.base64Url(payload) + ".";
                case HMAC_WITH_PUBLIC_KEY -> signHs256(key.getKeyId(), key.getPublicKeyPem(), payload);
            };
        }

        /** {@code Bearer <token>}, for an {@code Authorization} header. */
        public String bearer() {
            return "Bearer " + sign();
        }

        private OidcTestServer server() {
            return server != null ? server : OidcTestServer.shared();
        }

        private ObjectNode payload(OidcTestServer server) {
            Instant now = Instant.now();
            Instant iat = issuedAt != null ? issuedAt : now;
            Instant exp = expiresAt != null ? expiresAt : now.plus(DEFAULT_LIFETIME);
            ObjectNode payload = JSON.createObjectNode();
            payload.put("iss", issuer != null ? issuer : server.issuer());
            payload.put("sub", subject);
            if (audiences.size() == 1) {
                payload.put("aud", audiences.get(0));
            } else if (!audiences.isEmpty()) {
                ArrayNode aud = payload.putArray("aud");
                audiences.forEach(aud::add);
            }
            payload.put("iat", iat.getEpochSecond());
            payload.put("exp", exp.getEpochSecond());
            payload.put("jti", UUID.randomUUID().toString());
            payload.put("typ", "Bearer");
            if (!roles.isEmpty()) {
                payload.set("groups", JSON.valueToTree(roles));
                ObjectNode realmAccess = payload.putObject("realm_access");
                realmAccess.set("roles", JSON.valueToTree(new ArrayList<>(roles)));
            }
            claims.forEach((name, value) -> payload.set(name, JSON.valueToTree(value)));
            removed.forEach(payload::remove);
            return payload;
        }
    }

    private static synchronized KeyPair foreignKey() {
        if (foreignKey == null) {
            foreignKey = OidcTestServer.newRsaKeyPair();
        }
        return foreignKey;
    }

    private static String signHs256(String keyId, String secret, String payload) {
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}";
        String signingInput = OidcTestServer.base64Url(header) + "." + OidcTestServer.base64Url(payload);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return signingInput + "."
                    + OidcTestServer.base64Url(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot compute HS256", e);
        }
    }
}
