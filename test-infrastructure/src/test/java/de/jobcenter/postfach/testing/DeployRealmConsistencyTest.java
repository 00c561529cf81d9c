package de.jobcenter.postfach.testing;

import static de.jobcenter.postfach.testing.LocalRealmTest.audiences;
import static de.jobcenter.postfach.testing.LocalRealmTest.client;
import static de.jobcenter.postfach.testing.LocalRealmTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The local realm and the deployed one ({@code deploy/k8s/base/keycloak/realm-import.yaml}) describe the same
 * realm: the same clients, roles, mappers, service accounts and user profile. The local one differs only where the
 * demo needs it: the portal is a public client with password grant (for {@code ./postfach token}), the customer's
 * {@code acr} comes from a user attribute instead of the login's level of assurance, redirect URIs are on
 * localhost, and there are demo users.
 */
class DeployRealmConsistencyTest {
    private static final Path DEPLOY_REALM = Path.of("..", "deploy", "k8s", "base", "keycloak", "realm-import.yaml")
            .toAbsolutePath()
            .normalize();

    private final JsonNode local = readLocal();
    private final JsonNode deployed = readDeployed();

    @Test
    void sameClientsAndRealmRoles() {
        assertThat(clientIds(local)).isEqualTo(clientIds(deployed));
        assertThat(roleNames(local)).isEqualTo(roleNames(deployed));
        assertThat(local.path("realm").asText())
                .isEqualTo(deployed.path("realm").asText());
        assertThat(local.path("attributes").path("acr.loa.map").asText())
                .isEqualTo(deployed.path("attributes").path("acr.loa.map").asText());
    }

    @Test
    void everyClientHasTheSameMappersAndFlowsLocalAddsOnlyThePortalsAcrFromAUserAttribute() {
        for (String clientId : clientIds(deployed)) {
            JsonNode mine = client(local, clientId);
            JsonNode theirs = client(deployed, clientId);
            Map<String, String> expected = mappers(theirs);
            if (clientId.equals("postfach-portal")) {
                expected.put("acr", "oidc-usermodel-attribute-mapper acr");
            }

            assertThat(mappers(mine)).as(clientId).isEqualTo(expected);
            assertThat(audiences(mine)).as(clientId).isEqualTo(audiences(theirs));
            assertThat(mine.path("serviceAccountsEnabled").asBoolean())
                    .as(clientId)
                    .isEqualTo(theirs.path("serviceAccountsEnabled").asBoolean());
            assertThat(mine.path("standardFlowEnabled").asBoolean())
                    .as(clientId)
                    .isEqualTo(theirs.path("standardFlowEnabled").asBoolean());
            assertThat(mine.path("attributes")
                            .path("pkce.code.challenge.method")
                            .asText())
                    .as(clientId)
                    .isEqualTo(theirs.path("attributes")
                            .path("pkce.code.challenge.method")
                            .asText());
            if (!clientId.equals("postfach-portal")) {
                assertThat(mine.path("publicClient").asBoolean()).as(clientId).isFalse();
                assertThat(mine.path("secret").asText())
                        .as(clientId)
                        .isEqualTo(theirs.path("secret").asText());
            }
        }
    }

    @Test
    void sameServiceAccountsWithTheSameRoles() {
        assertThat(serviceAccounts(local)).isEqualTo(serviceAccounts(deployed));
    }

    @Test
    void deployedRealmHasNoDemoUsers() {
        for (JsonNode user : deployed.path("users")) {
            assertThat(user.path("serviceAccountClientId").asText())
                    .as(user.path("username").asText())
                    .isNotEmpty();
            assertThat(user.has("credentials")).isFalse();
        }
    }

    @Test
    void sameUserProfileSoOfficesIsAMultivaluedAttributeOnlyAdminsSet() {
        assertThat(userProfile(local)).isEqualTo(userProfile(deployed));
        assertThat(userProfile(local).path("attributes").findValues("name").stream()
                        .map(JsonNode::asText)
                        .toList())
                .contains("offices");
    }

    private static Set<String> clientIds(JsonNode realm) {
        Set<String> ids = new TreeSet<>();
        realm.path("clients").forEach(client -> ids.add(client.path("clientId").asText()));
        return ids;
    }

    private static Set<String> roleNames(JsonNode realm) {
        Set<String> names = new TreeSet<>();
        realm.path("roles")
                .path("realm")
                .forEach(role -> names.add(role.path("name").asText()));
        return names;
    }

    /** Claim name → mapper type and user attribute (audience mappers by audience). */
    private static Map<String, String> mappers(JsonNode client) {
        Map<String, String> mappers = new TreeMap<>();
        for (JsonNode mapper : client.path("protocolMappers")) {
            JsonNode config = mapper.path("config");
            String type = mapper.path("protocolMapper").asText();
            if (type.equals("oidc-audience-mapper")) {
                mappers.put("aud:" + config.path("included.custom.audience").asText(), type);
            } else {
                mappers.put(
                        config.path("claim.name").asText(),
                        (type + " " + config.path("user.attribute").asText()).strip());
            }
        }
        return mappers;
    }

    private static Map<String, Set<String>> serviceAccounts(JsonNode realm) {
        Map<String, Set<String>> accounts = new TreeMap<>();
        for (JsonNode user : realm.path("users")) {
            if (user.hasNonNull("serviceAccountClientId")) {
                accounts.put(
                        user.path("serviceAccountClientId").asText(), new TreeSet<>(texts(user.path("realmRoles"))));
            }
        }
        return accounts;
    }

    private static JsonNode userProfile(JsonNode realm) {
        JsonNode config = realm.path("components")
                .path("org.keycloak.userprofile.UserProfileProvider")
                .path(0)
                .path("config")
                .path("kc.user.profile.config")
                .path(0);
        try {
            return new ObjectMapper().readTree(config.asText());
        } catch (IOException e) {
            throw new AssertionError("user profile is not JSON", e);
        }
    }

    private static JsonNode readLocal() {
        try {
            return new ObjectMapper().readTree(KeycloakServer.realmTemplate());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode readDeployed() {
        try {
            return new ObjectMapper(new YAMLFactory())
                    .readTree(DEPLOY_REALM.toFile())
                    .path("spec")
                    .path("realm");
        } catch (IOException e) {
            throw new AssertionError("cannot read " + DEPLOY_REALM, e);
        }
    }
}
