package de.jobcenter.postfach.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application's web tenant (authorization-code flow) at the JVM's {@link OidcLoginServer}
 * and registers the application there as a confidential client with a secret made for this run (the secret reaches
 * the application as configuration, never through a file). Init arguments: {@code tenant} (default {@code default},
 * the unnamed tenant), {@code client-id} (default {@value OidcLoginServer#CONFIG_WEB_CLIENT_ID}) and {@code audience}
 * (the access tokens' {@code aud}, comma-separated; default {@value Tokens#STAFF_AUDIENCE}). Users are added by the
 * tests with {@code OidcLoginServer.shared().user(...)}.
 */
public class OidcLoginServerResource implements QuarkusTestResourceLifecycleManager {

    public static final String TENANT_ARG = "tenant";
    public static final String CLIENT_ID_ARG = "client-id";
    public static final String AUDIENCE_ARG = "audience";

    private String tenant = OidcServerResource.DEFAULT_TENANT;
    private String clientId = OidcLoginServer.CONFIG_WEB_CLIENT_ID;
    private List<String> audiences = List.of(Tokens.STAFF_AUDIENCE);

    @Override
    public void init(Map<String, String> initArgs) {
        tenant = initArgs.getOrDefault(TENANT_ARG, tenant).trim();
        clientId = initArgs.getOrDefault(CLIENT_ID_ARG, clientId).trim();
        String audience = initArgs.get(AUDIENCE_ARG);
        if (audience != null && !audience.isBlank()) {
            audiences = Arrays.stream(audience.split(","))
                    .map(String::trim)
                    .filter(a -> !a.isEmpty())
                    .toList();
        }
    }

    @Override
    public Map<String, String> start() {
        OidcLoginServer server = OidcLoginServer.shared();
        byte[] random = new byte[36];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        server.client(clientId, secret, "http://localhost:", audiences.toArray(String[]::new));
        String prefix =
                OidcServerResource.DEFAULT_TENANT.equals(tenant) ? "quarkus.oidc." : "quarkus.oidc." + tenant + ".";
        Map<String, String> config = new LinkedHashMap<>();
        config.put(prefix + "auth-server-url", server.issuer());
        config.put(prefix + "token.issuer", server.issuer());
        config.put(prefix + "client-id", clientId);
        config.put(prefix + "credentials.secret", secret);
        return config;
    }

    @Override
    public void stop() {
        // The shared server stops when the JVM exits.
    }
}
