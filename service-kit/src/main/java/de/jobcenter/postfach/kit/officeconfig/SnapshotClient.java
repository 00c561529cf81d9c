package de.jobcenter.postfach.kit.officeconfig;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Reads config-service's snapshot of every office's active configuration, with a service token from the
 * client-credentials grant when a token endpoint is configured.
 */
final class SnapshotClient {
    private static final TypeReference<List<OfficeConfigurationActivated>> LIST = new TypeReference<>() {};

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final OfficeConfigReplicaConfig.Snapshot config;

    SnapshotClient(OfficeConfigReplicaConfig.Snapshot config) {
        this.config = config;
    }

    List<OfficeConfigurationActivated> fetch() throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(config.url().orElseThrow()))
                .timeout(Duration.ofSeconds(15))
                .header("Accept", "application/json")
                .GET();
        if (config.tokenUrl().isPresent()) {
            request.header("Authorization", "Bearer " + token());
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("snapshot answered HTTP " + response.statusCode());
        }
        return EventJson.mapper().readValue(response.body(), LIST);
    }

    private String token() throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id="
                + encode(config.clientId().orElse(""))
                + "&client_secret="
                + encode(config.clientSecret().orElse(""));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(config.tokenUrl().orElseThrow()))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("token endpoint answered HTTP " + response.statusCode());
        }
        JsonNode body = EventJson.mapper().readTree(response.body());
        String token = body.path("access_token").asText("");
        if (token.isEmpty()) {
            throw new IOException("token endpoint answered without an access token");
        }
        return token;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
