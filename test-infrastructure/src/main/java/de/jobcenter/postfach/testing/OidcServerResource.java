package de.jobcenter.postfach.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application's OIDC configuration at the JVM's {@link OidcTestServer}, so
 * the tokens of {@link Tokens} are accepted as real bearer tokens (signature, issuer, audience, expiry).
 * Init arguments: {@code audience} (default {@value Tokens#CUSTOMER_AUDIENCE}; comma-separated for
 * several) and {@code tenants} (default {@code default}; comma-separated tenant names, where
 * {@code default} is the unnamed tenant).
 */
public class OidcServerResource implements QuarkusTestResourceLifecycleManager {

    public static final String AUDIENCE_ARG = "audience";
    public static final String TENANTS_ARG = "tenants";
    public static final String DEFAULT_TENANT = "default";

    private String audience = Tokens.CUSTOMER_AUDIENCE;
    private List<String> tenants = List.of(DEFAULT_TENANT);

    @Override
    public void init(Map<String, String> initArgs) {
        String configuredAudience = initArgs.get(AUDIENCE_ARG);
        if (configuredAudience != null && !configuredAudience.isBlank()) {
            audience = configuredAudience.trim();
        }
        String configuredTenants = initArgs.get(TENANTS_ARG);
        if (configuredTenants != null && !configuredTenants.isBlank()) {
            tenants = Arrays.stream(configuredTenants.split(","))
                    .map(String::trim)
                    .filter(tenant -> !tenant.isEmpty())
                    .toList();
        }
    }

    @Override
    public Map<String, String> start() {
        String issuer = OidcTestServer.shared().issuer();
        Map<String, String> config = new LinkedHashMap<>();
        for (String tenant : tenants) {
            String prefix = DEFAULT_TENANT.equals(tenant) ? "quarkus.oidc." : "quarkus.oidc." + tenant + ".";
            config.put(prefix + "auth-server-url", issuer);
            config.put(prefix + "token.issuer", issuer);
            config.put(prefix + "token.audience", audience);
        }
        return config;
    }

    @Override
    public void stop() {
        // The shared server stops when the JVM exits.
    }
}
