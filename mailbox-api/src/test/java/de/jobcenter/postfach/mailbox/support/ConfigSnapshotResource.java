package de.jobcenter.postfach.mailbox.support;

import com.fasterxml.jackson.databind.JsonNode;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.testing.OidcTestServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for config-service's {@code GET /internal/v1/active-configuration}: a real HTTP server that answers 503
 * until a test opens it ({@code POST <control-url>/open}), then the snapshot — {@link TestOffices#snapshot()} — to a
 * caller with a service token of the test issuer holding {@value OidcTestServer#SERVICE_TOKEN_ROLE}, 401 to any
 * other. {@code GET <control-url>/stats} counts the calls.
 */
public class ConfigSnapshotResource implements QuarkusTestResourceLifecycleManager {
    public static final String CONTROL_URL = "test.snapshot.control-url";

    private final AtomicBoolean open = new AtomicBoolean();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();
    private ControlServer server;

    @Override
    public Map<String, String> start() {
        String issuer = OidcTestServer.shared().issuer();
        server = new ControlServer()
                .route("/internal/v1/active-configuration", exchange -> {
                    requests.incrementAndGet();
                    if (!open.get()) {
                        unavailable.incrementAndGet();
                        ControlServer.answer(exchange, 503, "config-service is starting");
                        return;
                    }
                    if (!isServiceToken(exchange.getRequestHeaders().getFirst("Authorization"), issuer)) {
                        ControlServer.answer(exchange, 401, "service token required");
                        return;
                    }
                    served.incrementAndGet();
                    ControlServer.answer(
                            exchange,
                            200,
                            "application/json",
                            EventJson.mapper().writeValueAsBytes(TestOffices.snapshot()));
                })
                .route("/control/open", exchange -> {
                    open.set(true);
                    ControlServer.answer(exchange, 200, "open");
                })
                .route(
                        "/control/stats",
                        exchange -> ControlServer.answer(
                                exchange,
                                200,
                                "application/json",
                                ("{\"requests\":" + requests.get() + ",\"unavailable\":" + unavailable.get()
                                                + ",\"served\":" + served.get() + "}")
                                        .getBytes(StandardCharsets.UTF_8)))
                .start();
        return Map.of(
                "postfach.office-config.snapshot.url",
                server.baseUrl() + "/internal/v1/active-configuration",
                "postfach.office-config.snapshot.required",
                "true",
                "postfach.office-config.snapshot.token-url",
                OidcTestServer.shared().tokenEndpoint(),
                "postfach.office-config.snapshot.client-id",
                "mailbox-api",
                "postfach.office-config.snapshot.client-secret",
                "test-only-secret",
                "postfach.office-config.snapshot.retry-backoff",
                "100ms",
                CONTROL_URL,
                server.baseUrl() + "/control");
    }

    /** The issuer's signature is checked by the services; here it is enough that the token claims the role. */
    private static boolean isServiceToken(String authorization, String issuer) throws IOException {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        if (parts.length != 3) {
            return false;
        }
        JsonNode claims = EventJson.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        boolean hasRole = false;
        for (JsonNode role : claims.path("groups")) {
            hasRole |= OidcTestServer.SERVICE_TOKEN_ROLE.equals(role.asText());
        }
        return hasRole && issuer.equals(claims.path("iss").asText());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
