package de.jobcenter.postfach.routing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/** What the service tests ask the running service: its broker, readiness, metrics, the admin token. */
final class RunningService {
    private RunningService() {}

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static String adminToken() {
        return ConfigProvider.getConfig().getValue(RoutingTestResources.ADMIN_TOKEN_PROPERTY, String.class);
    }

    static void awaitReady() {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one Prometheus series, e.g. {@code postfach_routing_routed_total{channel="EAKTE"}}; 0 if absent. */
    static double metric(String name, String labels) {
        String labelPart = labels.isEmpty() ? "(?:\\{[^}]*\\})?" : "\\{" + Pattern.quote(labels) + "[^}]*\\}";
        Pattern series = Pattern.compile("^" + Pattern.quote(name) + labelPart + " (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = series.matcher(metrics());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /** Waits until the replica holds this version of the office (the kit's gauge says so). */
    static void awaitReplicaVersion(String officeId, long version) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> metric("postfach_office_config_version", "office=\"" + officeId + "\"") == version);
    }
}
