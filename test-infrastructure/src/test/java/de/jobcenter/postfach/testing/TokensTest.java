package de.jobcenter.postfach.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

class TokensTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OidcTestServer server = OidcTestServer.shared();

    @Test
    void discoveryDocumentNamesTheIssuerAndTheKeySetOnTheServersOwnPort() throws Exception {
        JsonNode discovery = getJson(server.issuer() + "/.well-known/openid-configuration");

        assertThat(server.issuer()).isEqualTo("http://localhost:" + server.port() + "/realms/postfach");
        assertThat(discovery.get("issuer").asText()).isEqualTo(server.issuer());
        assertThat(discovery.get("jwks_uri").asText()).isEqualTo(server.jwksUrl());
        assertThat(getJson(server.jwksUrl()).get("keys")).hasSize(1);
    }

    @Test
    void customerTokenVerifiesAgainstThePublishedKeysAndCarriesItsClaims() throws Exception {
        Instant expiry = Instant.now().plusSeconds(300);
        String token = Tokens.customer("sub-1")
                .acr("pin-letter-confirmed")
                .customerNumber("123D456789")
                .email("a@b.de", true)
                .currentOffice("JC-BERLIN-MITTE")
                .expiresAt(expiry)
                .sign();

        JwtClaims claims = verifier(Tokens.CUSTOMER_AUDIENCE).processToClaims(token);

        assertThat(claims.getSubject()).isEqualTo("sub-1");
        assertThat(claims.getIssuer()).isEqualTo(server.issuer());
        assertThat(claims.getAudience()).containsExactly("postfach-mailbox");
        assertThat(claims.getStringClaimValue("acr")).isEqualTo("pin-letter-confirmed");
        assertThat(claims.getStringClaimValue("customer_number")).isEqualTo("123D456789");
        assertThat(claims.getStringClaimValue("email")).isEqualTo("a@b.de");
        assertThat(claims.getClaimValue("email_verified")).isEqualTo(true);
        assertThat(claims.getStringClaimValue("current_office")).isEqualTo("JC-BERLIN-MITTE");
        assertThat(claims.getExpirationTime().getValue()).isEqualTo(expiry.getEpochSecond());
    }

    @Test
    void staffTokenCarriesRolesForQuarkusAndKeycloakAndOfficesAsAnArray() throws Exception {
        String token = Tokens.staff("editor-a")
                .roles("config-editor")
                .offices("JC-BERLIN-MITTE", "JC-HAMBURG")
                .sign();

        JwtClaims claims = verifier(Tokens.STAFF_AUDIENCE).processToClaims(token);

        assertThat(claims.getSubject()).isEqualTo("editor-a");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("config-editor");
        assertThat(claims.getClaimValue("realm_access", Map.class))
                .isEqualTo(Map.of("roles", List.of("config-editor")));
        assertThat(claims.getStringListClaimValue("offices")).containsExactly("JC-BERLIN-MITTE", "JC-HAMBURG");
        long lifetime =
                claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
        assertThat(lifetime).isEqualTo(600);
    }

    @Test
    void serviceClientTokenNamesTheClientAndItsRoles() throws Exception {
        String token = Tokens.serviceClient("eakte").roles("eakte-client").sign();

        JwtClaims claims = verifier(Tokens.SERVICE_AUDIENCE).processToClaims(token);

        assertThat(claims.getStringClaimValue("azp")).isEqualTo("eakte");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("eakte-client");
    }

    @Test
    void brokenTokensAreRejectedByAVerifierOfTheRealKeys() {
        JwtConsumer verifier = verifier(Tokens.CUSTOMER_AUDIENCE);
        List<String> broken = List.of(
                Tokens.customer("sub-1").signedWithForeignKey().sign(),
                Tokens.customer("sub-1").unsigned().sign(),
                Tokens.customer("sub-1").signedWithPublicKeyAsHmacSecret().sign(),
                Tokens.customer("sub-1")
                        .issuer("http://localhost:1/realms/other")
                        .sign(),
                Tokens.customer("sub-1").audience("postfach-config").sign(),
                Tokens.customer("sub-1").expired().sign());

        for (String token : broken) {
            assertThatThrownBy(() -> verifier.processToClaims(token)).as(token).isInstanceOf(InvalidJwtException.class);
        }
    }

    @Test
    void unsignedTokenDeclaresAlgorithmNone() throws Exception {
        String token = Tokens.customer("sub-1").unsigned().sign();

        String header = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0]));

        assertThat(JSON.readTree(header).get("alg").asText()).isEqualTo("none");
        assertThat(token).endsWith(".");
    }

    @Test
    void oidcResourcePointsEachTenantAtTheServer() {
        OidcServerResource resource = new OidcServerResource();
        resource.init(Map.of("audience", "postfach-config", "tenants", "default, api"));

        Map<String, String> config = resource.start();

        assertThat(config)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "quarkus.oidc.auth-server-url", server.issuer(),
                        "quarkus.oidc.token.issuer", server.issuer(),
                        "quarkus.oidc.token.audience", "postfach-config",
                        "quarkus.oidc.api.auth-server-url", server.issuer(),
                        "quarkus.oidc.api.token.issuer", server.issuer(),
                        "quarkus.oidc.api.token.audience", "postfach-config"));
    }

    @Test
    void stoppedSharedServerComesBackOnTheSamePortWithTheSameKey() throws Exception {
        String issuer = server.issuer();
        String token = Tokens.customer("sub-1").sign();

        server.stop();
        assertThat(Ports.isOpen("localhost", server.port(), 500)).isFalse();
        OidcTestServer again = OidcTestServer.shared();

        assertThat(again.issuer()).isEqualTo(issuer);
        assertThat(verifier(Tokens.CUSTOMER_AUDIENCE).processToClaims(token).getSubject())
                .isEqualTo("sub-1");
    }

    @Test
    void ownServerOnAGivenPortHasItsOwnIssuerAndKey() throws Exception {
        int port = Ports.free();
        try (OidcTestServer own = OidcTestServer.start(port)) {
            String token = Tokens.customer("sub-2").signedBy(own).sign();

            assertThat(own.issuer()).isEqualTo("http://localhost:" + port + "/realms/postfach");
            JwtClaims claims = new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(own.jwksUrl())))
                    .setExpectedIssuer(own.issuer())
                    .setExpectedAudience(Tokens.CUSTOMER_AUDIENCE)
                    .build()
                    .processToClaims(token);
            assertThat(claims.getSubject()).isEqualTo("sub-2");
            assertThatThrownBy(() -> verifier(Tokens.CUSTOMER_AUDIENCE).processToClaims(token))
                    .isInstanceOf(InvalidJwtException.class);
        }
    }

    private JwtConsumer verifier(String audience) {
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(server.jwksUrl())))
                .setExpectedIssuer(server.issuer())
                .setExpectedAudience(audience)
                .setRequireExpirationTime()
                .setRequireSubject()
                .build();
    }

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
