package de.jobcenter.postfach.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small but real OpenID Connect provider with the authorization-code flow, for the web UI's tests and the local
 * stack: discovery, JWKS, an authorization endpoint that shows an accessible German login page (user name and
 * password, with the demo users listed), a token endpoint for {@code authorization_code} (with PKCE and nonce),
 * {@code refresh_token} and {@code client_credentials}, and an end-session endpoint (RP-initiated logout). Every
 * authorization request shows the login page: there is no single sign-on session, so switching users needs no more
 * than logging out and in again.
 *
 * <p>Tokens are shaped like Keycloak's: the ID token carries who logged in ({@code sub}, {@code preferred_username},
 * {@code name}, {@code nonce}, {@code sid}, audience = the client); the access token carries what they may do (roles
 * in {@code groups} and {@code realm_access.roles}, the {@code offices} claim, audience = the client's configured
 * audiences). Roles and offices are deliberately <em>not</em> in the ID token, so an application proves it reads
 * them from the access token.
 *
 * <p>Users and clients are kept in memory and can be added at any time ({@link #user}, {@link #client}).
 * {@link #shared()} is one server per JVM (whichever class loader asks, like {@link OidcTestServer#shared()});
 * {@link #start(int)} a server of its own; {@link #main(String[])} runs it standalone with {@link #demoUsers()}.
 * Not an identity provider for production: passwords are plain text and the demo users are listed on the page.
 */
public final class OidcLoginServer implements AutoCloseable {

    /** Path of the realm, shaped like Keycloak's so configuration looks the same against either. */
    public static final String REALM_PATH = OidcTestServer.REALM_PATH;

    public static final String DISCOVERY_PATH = REALM_PATH + "/.well-known/openid-configuration";
    public static final String AUTHORIZATION_PATH = REALM_PATH + "/protocol/openid-connect/auth";
    public static final String TOKEN_PATH = REALM_PATH + "/protocol/openid-connect/token";
    public static final String JWKS_PATH = REALM_PATH + "/protocol/openid-connect/certs";
    public static final String END_SESSION_PATH = REALM_PATH + "/protocol/openid-connect/logout";

    /** The client of config-service's web UI, as the local stack and the tests register it. */
    public static final String CONFIG_WEB_CLIENT_ID = "postfach-config-web";

    /** The default port of {@link #main(String[])}. */
    public static final int DEFAULT_STANDALONE_PORT = 8181;

    public static final String PORT_ENV = "OIDC_LOGIN_PORT";
    public static final String CONFIG_WEB_SECRET_ENV = "POSTFACH_CONFIG_WEB_CLIENT_SECRET";

    /** Lifetime of ID and access tokens; the application refreshes them with the refresh token. */
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);

    public static final Duration REFRESH_LIFETIME = Duration.ofHours(8);

    private static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    private static final int MAX_FORM_BYTES = 16 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private static OidcLoginServer sharedInstance;

    private final Control control;
    private final boolean jvmWide;

    private OidcLoginServer(Control control, boolean jvmWide) {
        this.control = control;
        this.jvmWide = jvmWide;
    }

    /**
     * A person who can log in.
     *
     * @param username what they type, also {@code preferred_username}
     * @param password what they type (plain text: a test server)
     * @param name the display name ({@code name})
     * @param roles realm roles, in the access token's {@code groups} and {@code realm_access.roles}
     * @param offices the access token's {@code offices} claim (empty: no claim)
     */
    public record User(String username, String password, String name, List<String> roles, List<String> offices) {
        public User {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            name = name == null || name.isBlank() ? username : name;
            roles = List.copyOf(roles);
            offices = List.copyOf(offices);
        }

        /** The stable subject ({@code sub}) of this user name. */
        public String subject() {
            return subjectOf(username);
        }
    }

    /** The stable subject ({@code sub}) the server gives a user name. */
    public static String subjectOf(String username) {
        return UUID.nameUUIDFromBytes(("postfach-login:" + username).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * The management view of a running server, of JDK types only: the shared server is registered under it in the
     * platform MBean server so every class loader of the JVM talks to the same users and clients. Use the methods of
     * {@link OidcLoginServer} instead.
     */
    public interface Control extends OidcTestServer.Control {
        void addUser(String username, String password, String name, String[] roles, String[] offices);

        /**
         * Registers (or replaces) a confidential client.
         *
         * @param redirectUriPrefix redirect and post-logout URIs must start with it (e.g. {@code http://localhost:})
         * @param audiences the access tokens' {@code aud}
         */
        void addClient(String clientId, String secret, String redirectUriPrefix, String[] audiences);

        /** How many logins succeeded so far (for tests that count them). */
        int getLoginCount();

        /** How many times tokens were renewed with a refresh token. */
        int getRefreshCount();

        /** The lifetime of the ID and access tokens issued from now on. */
        void setTokenLifetimeSeconds(long seconds);
    }

    /** The server of this JVM, started on the first call and stopped when the JVM exits. */
    public static OidcLoginServer shared() {
        OidcLoginServer server;
        synchronized (OidcLoginServer.class) {
            if (sharedInstance == null) {
                startWithSystemClasses();
                sharedInstance = new OidcLoginServer(
                        JvmShared.getOrCreate("OidcLoginServer", Control.class, OidcLoginServer::startShared), true);
            }
            server = sharedInstance;
        }
        if (!server.control.isRunning()) {
            server.control.start();
        }
        return server;
    }

    /**
     * Starts the JVM's server with this class as the system class loader has it, when that is not the caller's. Unlike
     * a WireMock stub, the server loads its own classes while it answers requests; Quarkus closes the class loader of
     * a test's start-up, and classes loaded through a closed class loader afterwards clash with those loaded before.
     * The system class loader is never closed. Callers from any class loader then talk to it through the platform
     * MBean server ({@link JvmShared}).
     */
    private static void startWithSystemClasses() {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        if (OidcLoginServer.class.getClassLoader() == system) {
            return;
        }
        try {
            Class.forName(OidcLoginServer.class.getName(), true, system)
                    .getMethod("shared")
                    .invoke(null);
        } catch (ClassNotFoundException notOnTheClassPath) {
            // Not on the system class path (an IDE's own class loaders): this class loader's classes serve.
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot start the shared OIDC login server", e);
        }
    }

    /** A server of its own on {@code port} (0: any free port). */
    public static OidcLoginServer start(int port) {
        Server server = new Server(port);
        server.start();
        return new OidcLoginServer(server, false);
    }

    private static Control startShared() {
        Server server = new Server(0);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "oidc-login-server-stop"));
        return server;
    }

    /**
     * Runs the server standalone (the local stack): port from the first argument or {@value #PORT_ENV} (default
     * {@value #DEFAULT_STANDALONE_PORT}), the demo users, and config-service's web client
     * ({@value #CONFIG_WEB_CLIENT_ID}, redirects to {@code http://localhost:}) with the secret from
     * {@value #CONFIG_WEB_SECRET_ENV}. Stops on SIGTERM or Ctrl-C.
     */
    public static void main(String[] args) throws InterruptedException {
        String configuredPort = args.length > 0 ? args[0] : System.getenv(PORT_ENV);
        int port = configuredPort == null || configuredPort.isBlank()
                ? DEFAULT_STANDALONE_PORT
                : Integer.parseInt(configuredPort.trim());
        String secret = System.getenv(CONFIG_WEB_SECRET_ENV);
        if (secret == null || secret.isBlank()) {
            System.err.println(
                    "OidcLoginServer: set " + CONFIG_WEB_SECRET_ENV + " to the client secret config-service uses");
            System.exit(2);
        }
        OidcLoginServer server = start(port);
        server.client(CONFIG_WEB_CLIENT_ID, secret, "http://localhost:", Tokens.STAFF_AUDIENCE);
        demoUsers().forEach(server::user);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "oidc-login-server-stop"));
        System.out.println("OIDC login server ready: issuer " + server.issuer());
        new java.util.concurrent.CountDownLatch(1).await();
    }

    /**
     * The demo users of the local stack (password {@code demo}), matching config-service's demo offices: an editor
     * and a reviewer of the Berlin and Hamburg job centres, a central administrator, and a customer who may log in
     * but holds no staff role.
     */
    public static List<User> demoUsers() {
        List<String> offices = List.of("JC-BERLIN-MITTE", "JC-HAMBURG-NORD");
        return List.of(
                new User("demo-editor", "demo", "Erika Bearbeiterin", List.of("config-editor"), offices),
                new User("demo-reviewer", "demo", "Paul Prüfer", List.of("config-reviewer"), offices),
                new User("demo-admin", "demo", "Zoe Zentral", List.of("central-admin"), List.of()),
                new User("demo-kundin", "demo", "Karla Kundin", List.of(), List.of()));
    }

    /** Adds (or replaces) a user. */
    public OidcLoginServer user(User user) {
        control.addUser(
                user.username(),
                user.password(),
                user.name(),
                user.roles().toArray(String[]::new),
                user.offices().toArray(String[]::new));
        return this;
    }

    /** Registers (or replaces) a confidential client; see {@link Control#addClient}. */
    public OidcLoginServer client(String clientId, String secret, String redirectUriPrefix, String... audiences) {
        control.addClient(clientId, secret, redirectUriPrefix, audiences);
        return this;
    }

    /** Issuer ({@code iss}), also the value for {@code quarkus.oidc.auth-server-url}. */
    public String issuer() {
        return control.getIssuer();
    }

    public int port() {
        return control.getPort();
    }

    public String authorizationEndpoint() {
        return "http://localhost:" + port() + AUTHORIZATION_PATH;
    }

    public String endSessionEndpoint() {
        return "http://localhost:" + port() + END_SESSION_PATH;
    }

    public int loginCount() {
        return control.getLoginCount();
    }

    public int refreshCount() {
        return control.getRefreshCount();
    }

    /**
     * Sets the lifetime of the ID and access tokens issued from now on (default {@link #TOKEN_LIFETIME}), e.g. a few
     * seconds for a test of the renewal with the refresh token.
     */
    public OidcLoginServer tokenLifetime(Duration lifetime) {
        control.setTokenLifetimeSeconds(lifetime.toSeconds());
        return this;
    }

    /**
     * This server as an {@link OidcTestServer}: {@link Tokens#signedBy} it signs bearer tokens this server's keys
     * verify, so one issuer serves both a web tenant and a bearer tenant (as one Keycloak realm does).
     */
    public OidcTestServer asTestServer() {
        return OidcTestServer.wrapping(control);
    }

    public void stop() {
        control.stop();
    }

    @Override
    public void close() {
        if (!jvmWide) {
            stop();
        }
    }

    /** The HTTP server, the key pair, the users, the clients and the grants in flight. */
    private static final class Server implements Control {

        private record Client(String id, String secret, String redirectUriPrefix, List<String> audiences) {
            boolean allows(String uri) {
                return uri != null && uri.startsWith(redirectUriPrefix) && !uri.contains("#");
            }
        }

        private record Pending(
                String clientId,
                String redirectUri,
                String state,
                String nonce,
                String codeChallenge,
                String codeChallengeMethod,
                String scope,
                Instant expiresAt) {}

        private record Grant(
                String clientId,
                String redirectUri,
                String username,
                String nonce,
                String codeChallenge,
                String codeChallengeMethod,
                String scope,
                String sid,
                Instant authTime,
                Instant expiresAt) {}

        private final KeyPair keyPair = OidcTestServer.newRsaKeyPair();
        private final String keyId = UUID.randomUUID().toString().substring(0, 8);
        private final Map<String, User> users = new ConcurrentHashMap<>();
        private final Map<String, Client> clients = new ConcurrentHashMap<>();
        private final Map<String, Pending> pending = new ConcurrentHashMap<>();
        private final Map<String, Grant> codes = new ConcurrentHashMap<>();
        private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
        private final AtomicInteger logins = new AtomicInteger();
        private final AtomicInteger refreshes = new AtomicInteger();
        private volatile long tokenLifetimeSeconds = TOKEN_LIFETIME.toSeconds();
        private int port;
        private HttpServer http;
        private ExecutorService executor;

        Server(int port) {
            this.port = port;
        }

        @Override
        public synchronized void start() {
            if (http != null) {
                return;
            }
            try {
                HttpServer starting = HttpServer.create(new InetSocketAddress(port), 0);
                executor = Executors.newFixedThreadPool(4, runnable -> {
                    Thread thread = new Thread(runnable, "oidc-login-server");
                    thread.setDaemon(true);
                    return thread;
                });
                starting.setExecutor(executor);
                starting.createContext("/", this::handle);
                starting.start();
                port = starting.getAddress().getPort();
                http = starting;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the OIDC login server on port " + port, e);
            }
        }

        @Override
        public synchronized void stop() {
            if (http != null) {
                http.stop(0);
                executor.shutdownNow();
                try {
                    executor.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                http = null;
            }
        }

        @Override
        public synchronized boolean isRunning() {
            return http != null;
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
            return OidcTestServer.publicKeyPem(keyPair);
        }

        @Override
        public String sign(String claimsJson) {
            return OidcTestServer.signRs256(keyId, keyPair.getPrivate(), claimsJson);
        }

        @Override
        public void addUser(String username, String password, String name, String[] roles, String[] offices) {
            users.put(username, new User(username, password, name, List.of(roles), List.of(offices)));
        }

        @Override
        public void addClient(String clientId, String secret, String redirectUriPrefix, String[] audiences) {
            clients.put(clientId, new Client(clientId, secret, redirectUriPrefix, List.of(audiences)));
        }

        @Override
        public int getLoginCount() {
            return logins.get();
        }

        @Override
        public int getRefreshCount() {
            return refreshes.get();
        }

        @Override
        public void setTokenLifetimeSeconds(long seconds) {
            tokenLifetimeSeconds = seconds;
        }

        // ---- routing -----------------------------------------------------------------------------------------

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String method = exchange.getRequestMethod();
                expireOldGrants();
                if (path.equals(DISCOVERY_PATH) && method.equals("GET")) {
                    sendJson(exchange, 200, discovery());
                } else if (path.equals(JWKS_PATH) && method.equals("GET")) {
                    sendJson(exchange, 200, jwks());
                } else if (path.equals(AUTHORIZATION_PATH) && method.equals("GET")) {
                    authorize(exchange, query(exchange));
                } else if (path.equals(AUTHORIZATION_PATH) && method.equals("POST")) {
                    login(exchange, form(exchange));
                } else if (path.equals(TOKEN_PATH) && method.equals("POST")) {
                    token(exchange, form(exchange));
                } else if (path.equals(END_SESSION_PATH) && (method.equals("GET") || method.equals("POST"))) {
                    endSession(exchange, method.equals("GET") ? query(exchange) : form(exchange));
                } else {
                    sendPage(exchange, 404, LoginPages.message("Nicht gefunden", "Diese Seite gibt es nicht."));
                }
            } catch (RuntimeException e) {
                sendPage(
                        exchange,
                        500,
                        LoginPages.message("Fehler", "Der Anmeldedienst konnte die Anfrage nicht bearbeiten."));
            }
        }

        private ObjectNode discovery() {
            String issuer = getIssuer();
            ObjectNode document = JSON.createObjectNode();
            document.put("issuer", issuer);
            document.put("authorization_endpoint", issuer + "/protocol/openid-connect/auth");
            document.put("token_endpoint", issuer + "/protocol/openid-connect/token");
            document.put("jwks_uri", issuer + "/protocol/openid-connect/certs");
            document.put("end_session_endpoint", issuer + "/protocol/openid-connect/logout");
            document.putArray("response_types_supported").add("code");
            document.putArray("response_modes_supported").add("query");
            document.putArray("grant_types_supported")
                    .add("authorization_code")
                    .add("refresh_token")
                    .add("client_credentials");
            document.putArray("subject_types_supported").add("public");
            document.putArray("id_token_signing_alg_values_supported").add("RS256");
            document.putArray("token_endpoint_auth_methods_supported")
                    .add("client_secret_basic")
                    .add("client_secret_post");
            document.putArray("code_challenge_methods_supported").add("S256").add("plain");
            document.putArray("scopes_supported").add("openid").add("profile").add("email");
            document.putArray("claims_supported")
                    .add("sub")
                    .add("preferred_username")
                    .add("name")
                    .add("groups")
                    .add("offices");
            return document;
        }

        private ObjectNode jwks() {
            return OidcTestServer.jwks(keyId, keyPair);
        }

        // ---- authorization endpoint ---------------------------------------------------------------------------

        private void authorize(HttpExchange exchange, Map<String, String> params) throws IOException {
            Client client = clients.get(params.getOrDefault("client_id", ""));
            String redirectUri = params.get("redirect_uri");
            if (client == null || !client.allows(redirectUri)) {
                // Never redirect to an address the client did not register: say so on a page.
                sendPage(
                        exchange,
                        400,
                        LoginPages.message(
                                "Anmeldung nicht möglich",
                                "Die Anwendung ist diesem Anmeldedienst nicht bekannt oder hat eine unbekannte"
                                        + " Rücksprungadresse angegeben."));
                return;
            }
            String scope = params.getOrDefault("scope", "");
            if (!"code".equals(params.get("response_type"))
                    || !Arrays.asList(scope.split(" ")).contains("openid")) {
                redirect(
                        exchange,
                        withParams(
                                redirectUri,
                                Map.of(
                                        "error",
                                        "unsupported_response_type",
                                        "state",
                                        params.getOrDefault("state", ""))));
                return;
            }
            String method = params.get("code_challenge_method");
            if (params.get("code_challenge") != null
                    && method != null
                    && !"S256".equals(method)
                    && !"plain".equals(method)) {
                redirect(
                        exchange,
                        withParams(
                                redirectUri,
                                Map.of("error", "invalid_request", "state", params.getOrDefault("state", ""))));
                return;
            }
            String id = randomToken();
            pending.put(
                    id,
                    new Pending(
                            client.id(),
                            redirectUri,
                            params.get("state"),
                            params.get("nonce"),
                            params.get("code_challenge"),
                            method == null ? "plain" : method,
                            scope,
                            Instant.now().plus(PENDING_LIFETIME)));
            sendPage(exchange, 200, LoginPages.login(id, client.id(), null, null, listedUsers()));
        }

        private void login(HttpExchange exchange, Map<String, String> form) throws IOException {
            String id = form.getOrDefault("anfrage", "");
            Pending request = pending.get(id);
            if (request == null || request.expiresAt().isBefore(Instant.now())) {
                pending.remove(id);
                sendPage(
                        exchange,
                        400,
                        LoginPages.message(
                                "Anmeldung abgelaufen",
                                "Diese Anmeldung ist abgelaufen oder wurde schon verwendet. Bitte die Anwendung neu"
                                        + " aufrufen und erneut anmelden."));
                return;
            }
            String username = form.getOrDefault("username", "").strip();
            String password = form.getOrDefault("password", "");
            User user = users.get(username);
            if (username.isEmpty() || password.isEmpty() || user == null || !equal(user.password(), password)) {
                String problem = username.isEmpty() || password.isEmpty()
                        ? "Bitte Benutzername und Passwort eingeben."
                        : "Benutzername oder Passwort ist falsch.";
                sendPage(exchange, 200, LoginPages.login(id, request.clientId(), username, problem, listedUsers()));
                return;
            }
            pending.remove(id);
            String code = randomToken();
            codes.put(
                    code,
                    new Grant(
                            request.clientId(),
                            request.redirectUri(),
                            user.username(),
                            request.nonce(),
                            request.codeChallenge(),
                            request.codeChallengeMethod(),
                            request.scope(),
                            UUID.randomUUID().toString(),
                            Instant.now(),
                            Instant.now().plus(CODE_LIFETIME)));
            logins.incrementAndGet();
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("code", code);
            if (request.state() != null) {
                answer.put("state", request.state());
            }
            answer.put("iss", getIssuer());
            redirect(exchange, withParams(request.redirectUri(), answer));
        }

        private List<User> listedUsers() {
            return new TreeMap<>(users).values().stream().toList();
        }

        // ---- token endpoint -----------------------------------------------------------------------------------

        private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
            String grantType = form.getOrDefault("grant_type", "");
            if (grantType.equals("client_credentials")) {
                // As OidcTestServer's token endpoint: one service token for every client-credentials request.
                sendJson(
                        exchange,
                        200,
                        serviceTokenResponse(clientId(exchange, form).orElse("postfach")));
                return;
            }
            Optional<Client> client = authenticatedClient(exchange, form);
            if (client.isEmpty()) {
                sendJson(exchange, 401, error("invalid_client", "Unbekannter Client oder falsches Geheimnis."));
                return;
            }
            switch (grantType) {
                case "authorization_code" -> codeGrant(exchange, client.get(), form);
                case "refresh_token" -> refreshGrant(exchange, client.get(), form);
                default -> sendJson(exchange, 400, error("unsupported_grant_type", grantType));
            }
        }

        private void codeGrant(HttpExchange exchange, Client client, Map<String, String> form) throws IOException {
            Grant grant = codes.remove(form.getOrDefault("code", ""));
            if (grant == null
                    || grant.expiresAt().isBefore(Instant.now())
                    || !grant.clientId().equals(client.id())
                    || !grant.redirectUri().equals(form.get("redirect_uri"))) {
                sendJson(exchange, 400, error("invalid_grant", "Code unbekannt, abgelaufen oder schon verwendet."));
                return;
            }
            if (grant.codeChallenge() != null && !pkceMatches(grant, form.get("code_verifier"))) {
                sendJson(exchange, 400, error("invalid_grant", "PKCE: code_verifier passt nicht."));
                return;
            }
            User user = users.get(grant.username());
            if (user == null) {
                sendJson(exchange, 400, error("invalid_grant", "Die Person gibt es nicht mehr."));
                return;
            }
            sendJson(exchange, 200, tokens(client, user, grant));
        }

        private void refreshGrant(HttpExchange exchange, Client client, Map<String, String> form) throws IOException {
            Grant grant = refreshTokens.remove(form.getOrDefault("refresh_token", ""));
            User user = grant == null ? null : users.get(grant.username());
            if (grant == null
                    || grant.expiresAt().isBefore(Instant.now())
                    || !grant.clientId().equals(client.id())
                    || user == null) {
                sendJson(exchange, 400, error("invalid_grant", "Refresh-Token unbekannt oder abgelaufen."));
                return;
            }
            // The nonce belongs to the first ID token only (OIDC Core 12.2).
            Grant refreshed = new Grant(
                    grant.clientId(),
                    grant.redirectUri(),
                    grant.username(),
                    null,
                    null,
                    null,
                    grant.scope(),
                    grant.sid(),
                    grant.authTime(),
                    grant.expiresAt());
            refreshes.incrementAndGet();
            sendJson(exchange, 200, tokens(client, user, refreshed));
        }

        private static boolean pkceMatches(Grant grant, String verifier) {
            if (verifier == null || verifier.isEmpty()) {
                return false;
            }
            String expected = "S256".equals(grant.codeChallengeMethod())
                    ? OidcTestServer.base64Url(sha256(verifier.getBytes(StandardCharsets.US_ASCII)))
                    : verifier;
            return equal(expected, grant.codeChallenge());
        }

        private ObjectNode tokens(Client client, User user, Grant grant) {
            Instant now = Instant.now();
            long lifetime = tokenLifetimeSeconds;
            long exp = now.getEpochSecond() + lifetime;

            ObjectNode id = JSON.createObjectNode();
            id.put("iss", getIssuer());
            id.put("sub", user.subject());
            id.put("aud", client.id());
            id.put("azp", client.id());
            id.put("typ", "ID");
            id.put("iat", now.getEpochSecond());
            id.put("exp", exp);
            id.put("auth_time", grant.authTime().getEpochSecond());
            id.put("jti", UUID.randomUUID().toString());
            id.put("sid", grant.sid());
            if (grant.nonce() != null) {
                id.put("nonce", grant.nonce());
            }
            id.put("preferred_username", user.username());
            id.put("name", user.name());

            ObjectNode access = JSON.createObjectNode();
            access.put("iss", getIssuer());
            access.put("sub", user.subject());
            ArrayNode aud = access.putArray("aud");
            client.audiences().forEach(aud::add);
            access.put("azp", client.id());
            access.put("typ", "Bearer");
            access.put("iat", now.getEpochSecond());
            access.put("exp", exp);
            access.put("jti", UUID.randomUUID().toString());
            access.put("sid", grant.sid());
            access.put("scope", grant.scope());
            access.put("preferred_username", user.username());
            access.put("name", user.name());
            if (!user.roles().isEmpty()) {
                access.set("groups", JSON.valueToTree(user.roles()));
                access.putObject("realm_access").set("roles", JSON.valueToTree(user.roles()));
            }
            if (!user.offices().isEmpty()) {
                access.set("offices", JSON.valueToTree(user.offices()));
            }

            String refreshToken = randomToken();
            refreshTokens.put(
                    refreshToken,
                    new Grant(
                            client.id(),
                            grant.redirectUri(),
                            user.username(),
                            null,
                            null,
                            null,
                            grant.scope(),
                            grant.sid(),
                            grant.authTime(),
                            now.plus(REFRESH_LIFETIME)));

            ObjectNode response = JSON.createObjectNode();
            response.put("access_token", sign(access.toString()));
            response.put("id_token", sign(id.toString()));
            response.put("refresh_token", refreshToken);
            response.put("token_type", "Bearer");
            response.put("expires_in", lifetime);
            response.put("refresh_expires_in", REFRESH_LIFETIME.toSeconds());
            response.put("scope", grant.scope());
            return response;
        }

        /** Like {@link OidcTestServer}'s: the service account token every client-credentials request gets. */
        private ObjectNode serviceTokenResponse(String clientId) {
            long now = Instant.now().getEpochSecond();
            ObjectNode claims = JSON.createObjectNode();
            claims.put("iss", getIssuer());
            claims.put("sub", "service-account-" + clientId);
            claims.put("azp", clientId);
            claims.put("client_id", clientId);
            claims.putArray("aud")
                    .add(Tokens.CUSTOMER_AUDIENCE)
                    .add(Tokens.STAFF_AUDIENCE)
                    .add(Tokens.SERVICE_AUDIENCE);
            claims.putArray("groups").add(OidcTestServer.SERVICE_TOKEN_ROLE);
            claims.putObject("realm_access").putArray("roles").add(OidcTestServer.SERVICE_TOKEN_ROLE);
            claims.put("iat", now);
            claims.put("exp", now + 12 * 3600);
            claims.put("jti", UUID.randomUUID().toString());
            ObjectNode response = JSON.createObjectNode();
            response.put("access_token", sign(claims.toString()));
            response.put("token_type", "Bearer");
            response.put("expires_in", 12 * 3600);
            return response;
        }

        private Optional<String> clientId(HttpExchange exchange, Map<String, String> form) {
            String[] basic = basicCredentials(exchange);
            if (basic != null) {
                return Optional.of(basic[0]);
            }
            return Optional.ofNullable(form.get("client_id"));
        }

        private Optional<Client> authenticatedClient(HttpExchange exchange, Map<String, String> form) {
            String[] basic = basicCredentials(exchange);
            String id = basic != null ? basic[0] : form.get("client_id");
            String secret = basic != null ? basic[1] : form.get("client_secret");
            Client client = id == null ? null : clients.get(id);
            if (client == null || secret == null || !equal(client.secret(), secret)) {
                return Optional.empty();
            }
            return Optional.of(client);
        }

        private static String[] basicCredentials(HttpExchange exchange) {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return null;
            }
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            // RFC 6749 2.3.1: both parts are form-urlencoded before they are joined.
            return new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
            };
        }

        // ---- end session -------------------------------------------------------------------------------------

        private void endSession(HttpExchange exchange, Map<String, String> params) throws IOException {
            JsonNode hint = claimsOf(params.get("id_token_hint"));
            String sid = hint == null ? null : hint.path("sid").asText(null);
            if (sid != null) {
                refreshTokens.values().removeIf(g -> sid.equals(g.sid()));
            }
            String clientId = params.getOrDefault(
                    "client_id", hint == null ? "" : hint.path("aud").asText(""));
            Client client = clients.get(clientId);
            String target = params.get("post_logout_redirect_uri");
            if (client != null && target != null && client.allows(target)) {
                Map<String, String> answer = new LinkedHashMap<>();
                if (params.get("state") != null) {
                    answer.put("state", params.get("state"));
                }
                redirect(exchange, withParams(target, answer));
                return;
            }
            sendPage(exchange, 200, LoginPages.message("Abgemeldet", "Sie sind abgemeldet."));
        }

        /** The claims of a token this server signed, or {@code null} when it did not sign it. */
        private JsonNode claimsOf(String token) {
            if (token == null) {
                return null;
            }
            String[] parts = token.split("\\.");
            if (parts.length != 3) {
                return null;
            }
            if (!verifies(parts[0] + "." + parts[1], parts[2])) {
                return null;
            }
            try {
                return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            } catch (IOException | IllegalArgumentException e) {
                return null;
            }
        }

        private boolean verifies(String signingInput, String signature) {
            try {
                java.security.Signature verifier = java.security.Signature.getInstance("SHA256withRSA");
                verifier.initVerify(keyPair.getPublic());
                verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                return verifier.verify(Base64.getUrlDecoder().decode(signature));
            } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }

        // ---- helpers -----------------------------------------------------------------------------------------

        private void expireOldGrants() {
            Instant now = Instant.now();
            pending.values().removeIf(p -> p.expiresAt().isBefore(now));
            codes.values().removeIf(g -> g.expiresAt().isBefore(now));
            refreshTokens.values().removeIf(g -> g.expiresAt().isBefore(now));
        }

        private static ObjectNode error(String code, String description) {
            ObjectNode error = JSON.createObjectNode();
            error.put("error", code);
            error.put("error_description", description);
            return error;
        }

        private static Map<String, String> query(HttpExchange exchange) {
            return decode(exchange.getRequestURI().getRawQuery());
        }

        private static Map<String, String> form(HttpExchange exchange) throws IOException {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
                if (body.length > MAX_FORM_BYTES) {
                    return Map.of();
                }
                return decode(new String(body, StandardCharsets.UTF_8));
            }
        }

        private static Map<String, String> decode(String encoded) {
            Map<String, String> values = new LinkedHashMap<>();
            if (encoded == null || encoded.isEmpty()) {
                return values;
            }
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.putIfAbsent(name, value);
            }
            return values;
        }

        private static String withParams(String uri, Map<String, String> params) {
            StringBuilder target = new StringBuilder(uri);
            char separator = URI.create(uri).getRawQuery() == null ? '?' : '&';
            for (Map.Entry<String, String> param : params.entrySet()) {
                target.append(separator)
                        .append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
            return target.toString();
        }

        private static void redirect(HttpExchange exchange, String location) throws IOException {
            exchange.getResponseHeaders().set("Location", location);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(303, -1);
        }

        private static void sendJson(HttpExchange exchange, int status, ObjectNode body) throws IOException {
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            send(exchange, status, "application/json", body.toString());
        }

        private static void sendPage(HttpExchange exchange, int status, String html) throws IOException {
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
            exchange.getResponseHeaders()
                    .set(
                            "Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'");
            send(exchange, status, "text/html; charset=utf-8", html);
        }

        private static void send(HttpExchange exchange, int status, String contentType, String body)
                throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }

        private static boolean equal(String a, String b) {
            return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        }

        private static byte[] sha256(byte[] bytes) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(bytes);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required on every Java platform", e);
            }
        }

        private static String randomToken() {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            return OidcTestServer.base64Url(bytes);
        }
    }

    /** The HTML of the login server's pages: German, accessible (WCAG 2.1 AA), no script. */
    static final class LoginPages {
        private LoginPages() {}

        static String login(String request, String clientId, String username, String problem, List<User> users) {
            StringBuilder html = new StringBuilder();
            html.append(head(problem == null ? "Anmelden" : "Fehler: Anmelden"));
            html.append("<h1>Anmelden</h1>\n");
            if (problem != null) {
                html.append("<div class=\"fehler\" id=\"fehler\" tabindex=\"-1\" autofocus>\n")
                        .append("<h2>Die Anmeldung ist fehlgeschlagen</h2>\n")
                        .append("<p><a href=\"#username\">")
                        .append(escape(problem))
                        .append("</a></p>\n</div>\n");
            }
            html.append("<p>Anmeldung für die Anwendung <strong>")
                    .append(escape(clientId))
                    .append("</strong>.</p>\n");
            html.append("<form method=\"post\" action=\"")
                    .append(AUTHORIZATION_PATH)
                    .append("\" novalidate>\n");
            html.append("<input type=\"hidden\" name=\"anfrage\" value=\"")
                    .append(escape(request))
                    .append("\">\n");
            String invalid = problem == null ? "" : " aria-invalid=\"true\" aria-describedby=\"anmeldung-fehler\"";
            if (problem != null) {
                html.append("<p class=\"feldfehler\" id=\"anmeldung-fehler\"><span class=\"unsichtbar\">Fehler:")
                        .append(" </span>")
                        .append(escape(problem))
                        .append("</p>\n");
            }
            html.append("<div class=\"feld\"><label for=\"username\">Benutzername</label>\n")
                    .append("<input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\"")
                    .append(" autocapitalize=\"none\" spellcheck=\"false\" required")
                    .append(invalid)
                    .append(" value=\"")
                    .append(escape(username == null ? "" : username))
                    .append("\"></div>\n");
            html.append("<div class=\"feld\"><label for=\"password\">Passwort</label>\n")
                    .append("<input id=\"password\" name=\"password\" type=\"password\"")
                    .append(" autocomplete=\"current-password\" required")
                    .append(invalid)
                    .append("></div>\n");
            html.append("<button type=\"submit\">Anmelden</button>\n</form>\n");
            if (!users.isEmpty()) {
                html.append("<h2 id=\"demo\">Test- und Demo-Zugänge</h2>\n")
                        .append("<div class=\"tabelle\" role=\"region\" aria-labelledby=\"demo\" tabindex=\"0\">\n")
                        .append("<table>\n<caption>Benutzerinnen und Benutzer dieses Test-Anmeldedienstes")
                        .append(" mit Passwort, Rollen und Dienststellen</caption>\n")
                        .append("<thead><tr><th scope=\"col\">Benutzername</th><th scope=\"col\">Passwort</th>")
                        .append("<th scope=\"col\">Name</th><th scope=\"col\">Rollen</th>")
                        .append("<th scope=\"col\">Dienststellen</th></tr></thead>\n<tbody>\n");
                for (User user : users) {
                    html.append("<tr><th scope=\"row\">")
                            .append(escape(user.username()))
                            .append("</th><td>")
                            .append(escape(user.password()))
                            .append("</td><td>")
                            .append(escape(user.name()))
                            .append("</td><td>")
                            .append(escape(user.roles().isEmpty() ? "keine" : String.join(", ", user.roles())))
                            .append("</td><td>")
                            .append(escape(user.offices().isEmpty() ? "—" : String.join(", ", user.offices())))
                            .append("</td></tr>\n");
                }
                html.append("</tbody>\n</table>\n</div>\n");
            }
            html.append(foot());
            return html.toString();
        }

        static String message(String title, String text) {
            return head(title) + "<h1>" + escape(title) + "</h1>\n<p>" + escape(text) + "</p>\n" + foot();
        }

        private static String head(String title) {
            return """
                    <!DOCTYPE html>
                    <html lang="de">
                    <head>
                    <meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>%s – Test-Anmeldedienst Postfachservice</title>
                    <style>
                    body { font-family: system-ui, sans-serif; font-size: 1.125rem; line-height: 1.5; color: #1b1b1b;
                      background: #ffffff; margin: 0; }
                    header { background: #1b3a5c; color: #ffffff; padding: 0.75rem 1.5rem; }
                    header p { margin: 0; font-weight: bold; }
                    main { max-width: 60rem; padding: 1rem 1.5rem 3rem; }
                    a { color: #0b4f8a; }
                    .feld { margin: 1rem 0; }
                    label { display: block; font-weight: bold; margin-bottom: 0.25rem; }
                    input[type=text], input[type=password] { font: inherit; padding: 0.4rem; width: 20rem;
                      max-width: 100%%; border: 2px solid #1b1b1b; }
                    button { font: inherit; font-weight: bold; color: #ffffff; background: #0b4f8a;
                      border: 2px solid #0b4f8a; padding: 0.5rem 1.25rem; cursor: pointer; }
                    :focus-visible, .fehler:focus { outline: 3px solid #b35900; outline-offset: 2px; }
                    .fehler { border: 4px solid #b00020; padding: 0.5rem 1rem; margin: 1rem 0; }
                    .fehler h2 { margin-top: 0; font-size: 1.25rem; }
                    .feldfehler { color: #b00020; font-weight: bold; }
                    [aria-invalid=true] { border-color: #b00020; }
                    .unsichtbar { position: absolute; width: 1px; height: 1px; overflow: hidden;
                      clip: rect(0 0 0 0); white-space: nowrap; }
                    .tabelle { overflow-x: auto; }
                    table { border-collapse: collapse; margin: 1rem 0; }
                    caption { text-align: left; font-weight: bold; padding-bottom: 0.5rem; }
                    th, td { border: 1px solid #6b6b6b; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
                    </style>
                    </head>
                    <body>
                    <header><p>Test-Anmeldedienst Postfachservice – nur für Tests und die lokale Umgebung</p></header>
                    <main id="inhalt">
                    """.formatted(escape(title));
        }

        private static String foot() {
            return "</main>\n</body>\n</html>\n";
        }

        static String escape(String text) {
            StringBuilder out = new StringBuilder(text.length());
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&#39;");
                    default -> out.append(c);
                }
            }
            return out.toString();
        }
    }
}
