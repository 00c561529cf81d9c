package de.jobcenter.postfach.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * An OpenID Connect issuer for tests: discovery document and JWKS served over real HTTP (WireMock) on a
 * port chosen at start, with a key pair made for this run; {@link Tokens} signs access tokens with it.
 * Quarkus' own {@code OidcWiremockTestResource} is not used because its issuer is a fixed
 * {@code https://server.example.com} that differs from its URL, it signs with a key published in its
 * jar, and it is one server per test resource; this one is one server per JVM whose issuer is its URL,
 * so services in child processes can verify the test's tokens through the same URL.
 */
public final class OidcTestServer implements AutoCloseable {

    /** Path of the realm, shaped like Keycloak's so configuration looks the same against either. */
    public static final String REALM_PATH = "/realms/postfach";

    private static final String JWKS_PATH = REALM_PATH + "/protocol/openid-connect/certs";
    private static final String TOKEN_PATH = REALM_PATH + "/protocol/openid-connect/token";

    /** The role the token endpoint's service token holds: what replicas need to read config-service's snapshot. */
    public static final String SERVICE_TOKEN_ROLE = "config-snapshot-reader";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static OidcTestServer sharedInstance;

    private final Control control;
    private final boolean jvmWide;

    private OidcTestServer(Control control, boolean jvmWide) {
        this.control = control;
        this.jvmWide = jvmWide;
    }

    /**
     * The management view of a running server. The shared server is registered under it in the
     * platform MBean server so every class loader of the JVM signs with the same key. Use the methods of
     * {@link OidcTestServer} and {@link Tokens} instead.
     */
    public interface Control {
        String getIssuer();

        int getPort();

        String getKeyId();

        /** The public key as PEM (what a confused verifier might use as an HMAC secret). */
        String getPublicKeyPem();

        boolean isRunning();

        void start();

        void stop();

        /** Signs the JSON claims with RS256 and this server's key: a compact JWS. */
        String sign(String claimsJson);
    }

    /** The token endpoint (client credentials; see {@link Server#serviceTokenResponse}). */
    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** The issuer of this JVM, started on the first call and stopped when the JVM exits. */
    public static OidcTestServer shared() {
        OidcTestServer server;
        synchronized (OidcTestServer.class) {
            if (sharedInstance == null) {
                sharedInstance = new OidcTestServer(
                        JvmShared.getOrCreate("OidcTestServer", Control.class, OidcTestServer::startShared), true);
            }
            server = sharedInstance;
        }
        if (!server.control.isRunning()) {
            server.control.start();
        }
        return server;
    }

    /** A server of its own on {@code port} (0: any free port), e.g. for a process outside the tests. */
    public static OidcTestServer start(int port) {
        Server server = new Server(port);
        server.start();
        return new OidcTestServer(server, false);
    }

    /**
     * Another issuer seen as an OIDC test server, e.g. {@link OidcLoginServer#asTestServer()}: {@link Tokens} signed
     * by it verify against that issuer's keys. Closing it leaves that server running.
     */
    static OidcTestServer wrapping(Control control) {
        return new OidcTestServer(control, true);
    }

    /** Issuer ({@code iss}) of the tokens, also the value for {@code quarkus.oidc.auth-server-url}. */
    public String issuer() {
        return control.getIssuer();
    }

    public int port() {
        return control.getPort();
    }

    /** URL of the JSON Web Key Set that verifies the tokens. */
    public String jwksUrl() {
        return "http://localhost:" + port() + JWKS_PATH;
    }

    /**
     * Stops the server: services then can no longer fetch its keys. The shared server comes back on the
     * same port with the same key at the next {@link #shared()}.
     */
    public void stop() {
        control.stop();
    }

    @Override
    public void close() {
        if (!jvmWide) {
            stop();
        }
    }

    Control control() {
        return control;
    }

    private static Control startShared() {
        Server server = new Server(0);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "oidc-test-server-stop"));
        return server;
    }

    /** The WireMock server and the key pair. */
    private static final class Server implements Control {

        private final KeyPair keyPair;
        private final String keyId;
        private int port;
        private WireMockServer wireMock;

        Server(int port) {
            this.port = port;
            this.keyPair = newRsaKeyPair();
            this.keyId = UUID.randomUUID().toString().substring(0, 8);
        }

        @Override
        public synchronized void start() {
            if (wireMock != null) {
                return;
            }
            QuietLogging.apply();
            WireMockConfiguration options = wireMockConfig()
                    .notifier(new Slf4jNotifier(false))
                    .disableRequestJournal()
                    .containerThreads(12);
            WireMockServer starting = new WireMockServer(port == 0 ? options.dynamicPort() : options.port(port));
            starting.start();
            port = starting.port();
            String issuer = getIssuer();
            starting.stubFor(get(urlEqualTo(REALM_PATH + "/.well-known/openid-configuration"))
                    .willReturn(json(discovery(issuer))));
            starting.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(json(jwks())));
            starting.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                            REALM_PATH + "/protocol/openid-connect/logout"))
                    .willReturn(aResponse().withStatus(200).withBody("Abgemeldet.")));
            starting.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo(TOKEN_PATH))
                    .willReturn(json(serviceTokenResponse(issuer))));
            wireMock = starting;
        }

        @Override
        public synchronized void stop() {
            if (wireMock != null) {
                wireMock.stop();
                wireMock = null;
            }
        }

        @Override
        public synchronized boolean isRunning() {
            return wireMock != null;
        }

        @Override
        public synchronized int getPort() {
            return port;
        }

        @Override
        public String getIssuer() {
            return "http://localhost:" + getPort() + REALM_PATH;
        }

        @Override
        public String getKeyId() {
            return keyId;
        }

        @Override
        public String getPublicKeyPem() {
            return publicKeyPem(keyPair);
        }

        @Override
        public String sign(String claimsJson) {
            return signRs256(keyId, keyPair.getPrivate(), claimsJson);
        }

        /**
         * The token endpoint answers every client-credentials request with one service token, valid for twelve
         * hours: subject {@code service-account-postfach}, role {@value #SERVICE_TOKEN_ROLE}, audience of every
         * service. Enough for the services' own service-to-service calls in tests and the local stack.
         */
        private String serviceTokenResponse(String issuer) {
            long now = java.time.Instant.now().getEpochSecond();
            ObjectNode claims = JSON.createObjectNode();
            claims.put("iss", issuer);
            claims.put("sub", "service-account-postfach");
            claims.put("azp", "postfach");
            claims.put("client_id", "postfach");
            claims.putArray("aud")
                    .add(Tokens.CUSTOMER_AUDIENCE)
                    .add(Tokens.STAFF_AUDIENCE)
                    .add(Tokens.SERVICE_AUDIENCE);
            claims.putArray("groups").add(SERVICE_TOKEN_ROLE);
            claims.putObject("realm_access").putArray("roles").add(SERVICE_TOKEN_ROLE);
            claims.put("iat", now);
            claims.put("exp", now + 12 * 3600);
            claims.put("jti", UUID.randomUUID().toString());
            ObjectNode response = JSON.createObjectNode();
            response.put("access_token", sign(claims.toString()));
            response.put("token_type", "Bearer");
            response.put("expires_in", 12 * 3600);
            return response.toString();
        }

        private static String discovery(String issuer) {
            ObjectNode document = JSON.createObjectNode();
            document.put("issuer", issuer);
            document.put("jwks_uri", issuer + "/protocol/openid-connect/certs");
            document.put("authorization_endpoint", issuer + "/protocol/openid-connect/auth");
            document.put("token_endpoint", issuer + "/protocol/openid-connect/token");
            document.put("end_session_endpoint", issuer + "/protocol/openid-connect/logout");
            document.putArray("response_types_supported").add("code");
            document.putArray("subject_types_supported").add("public");
            document.putArray("id_token_signing_alg_values_supported").add("RS256");
            return document.toString();
        }

        private String jwks() {
            return OidcTestServer.jwks(keyId, keyPair).toString();
        }

        private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
            return aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body);
        }
    }

    /** The JSON Web Key Set that publishes the key pair's public half for RS256 signatures. */
    static ObjectNode jwks(String keyId, KeyPair keyPair) {
        RSAPublicKey publicKey = (RSAPublicKey) keyPair.getPublic();
        ObjectNode key = JSON.createObjectNode();
        key.put("kty", "RSA");
        key.put("kid", keyId);
        key.put("use", "sig");
        key.put("alg", "RS256");
        key.put("n", base64Url(unsigned(publicKey.getModulus())));
        key.put("e", base64Url(unsigned(publicKey.getPublicExponent())));
        ObjectNode set = JSON.createObjectNode();
        set.putArray("keys").add(key);
        return set;
    }

    /** The public key as PEM (what a confused verifier might use as an HMAC secret). */
    static String publicKeyPem(KeyPair keyPair) {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(keyPair.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    static KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No RSA on this JVM", e);
        }
    }

    /** A compact JWS (RFC 7515) with RS256. */
    static String signRs256(String keyId, PrivateKey key, String claimsJson) {
        ObjectNode header = JSON.createObjectNode();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        if (keyId != null) {
            header.put("kid", keyId);
        }
        String signingInput = base64Url(header.toString()) + "." + base64Url(claimsJson);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    static String base64Url(String text) {
        return base64Url(text.getBytes(StandardCharsets.UTF_8));
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Big-endian magnitude without the sign byte, as JWK wants it. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
