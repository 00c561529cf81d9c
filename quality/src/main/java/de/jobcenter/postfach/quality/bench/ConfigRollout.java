package de.jobcenter.postfach.quality.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.jobcenter.postfach.testing.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P5 through config-service's own API, as central administrators would do it: {@code n} employment-agency offices
 * created (version 1, published at once), one reviewed change per office (author: central admin A, reviewer:
 * central admin B — never the author), then "roll out now" ({@code POST /api/v1/rollouts}). The replicas are
 * watched through the service kit's {@code postfach_office_config_version{office=…}} gauge on {@code /q/metrics}.
 */
final class ConfigRollout {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERSION =
            Pattern.compile("postfach_office_config_version\\{[^}]*office=\"([^\"]+)\"[^}]*}\\s+([0-9.eE+-]+)");

    record Timing(long answerMillis, long allUpdatedMillis, List<Long> perReplicaMillis, int activated) {}

    private final HttpClient http;
    private final String config;
    private final int count;
    /** The offices created with an approved change, the ones whose rollout is watched. */
    private final List<String> prepared = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final String author;
    private final String reviewer;

    ConfigRollout(HttpClient http, String configUrl, int count) {
        this.http = http;
        this.config = configUrl;
        this.count = count;
        Instant expiry = Instant.now().plus(Duration.ofHours(1));
        this.author = Tokens.staff("bench-admin-a")
                .roles("central-admin")
                .expiresAt(expiry)
                .bearer();
        this.reviewer = Tokens.staff("bench-admin-b")
                .roles("central-admin")
                .expiresAt(expiry)
                .bearer();
    }

    static String officeId(int i) {
        return String.format("AA-BENCH-%04d", i);
    }

    /**
     * Creates the offices and one approved change each, four requests at a time; fails with the progress made when
     * {@code budget} is spent.
     */
    void prepare(Duration budget) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        long started = System.nanoTime();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = officeId(i);
                int n = i;
                work.add(pool.submit(() -> {
                    prepareOffice(id, n);
                    prepared.add(id);
                    int d = done.incrementAndGet();
                    if (d % 100 == 0) {
                        System.out.printf(
                                "bench: P5 %d offices created and approved after %.0f s%n",
                                d, (System.nanoTime() - started) / 1e9);
                    }
                    return null;
                }));
            }
            long deadline = started + budget.toNanos();
            for (Future<?> f : work) {
                long left = deadline - System.nanoTime();
                try {
                    f.get(Math.max(1, left), java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    System.out.println("bench: P5 config-service took longer than " + budget + " to create and"
                            + " approve the offices; measuring the rollout with the " + done.get() + " done");
                    break;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void prepareOffice(String id, int n) throws Exception {
        ObjectNode office = JSON.createObjectNode()
                .put("officeId", id)
                .put("name", "Agentur für Arbeit Bench " + n)
                .put("type", "EMPLOYMENT_AGENCY")
                .put("goLiveOn", "2025-01-06")
                .put("suspended", false);
        expect(send("POST", "/api/v1/offices", author, office), 201, "create " + id);
        JsonNode active = JSON.readTree(expect(
                send("GET", "/api/v1/offices/" + id + "/configuration", author, null), 200, "configuration " + id));
        ObjectNode configuration = (ObjectNode) active.get("configuration");
        ObjectNode concerns = (ObjectNode) configuration.get("concerns");
        boolean changed = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = concerns.properties().iterator(); it.hasNext() && !changed; ) {
            Map.Entry<String, JsonNode> concern = it.next();
            if (concern.getValue().path("offered").asBoolean(false)
                    && !concern.getValue().path("channel").isMissingNode()
                    && !concern.getValue().path("channel").isNull()) {
                ((ObjectNode) concern.getValue()).put("infoText", "Hinweis in Version 2 (Benchmark P5).");
                changed = true;
            }
        }
        if (!changed) {
            throw new IllegalStateException("no offered message concern in " + id + "'s configuration");
        }
        JsonNode change = JSON.readTree(expect(
                send("PUT", "/api/v1/offices/" + id + "/change", author, configuration), 201, "change of " + id));
        String changeId = change.get("changeId").asText();
        String base = "/api/v1/offices/" + id + "/changes/" + changeId;
        JsonNode submitted = JSON.readTree(expect(send("POST", base + "/submit", author, null), 200, "submit " + id));
        if (!"APPROVED".equals(submitted.path("state").asText())) {
            expect(send("POST", base + "/approve", reviewer, null), 200, "approve " + id);
        }
    }

    /** Waits until every replica holds at least {@code version} of every office. */
    void awaitVersions(List<String> replicas, long version, Duration timeout) throws Exception {
        for (String replica : replicas) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (countAtLeast(replica, version) < prepared.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(replica + " holds version " + version + " of only "
                            + countAtLeast(replica, version) + " of " + prepared.size() + " offices after " + timeout);
                }
                KafkaBench.sleep(200);
            }
        }
    }

    /**
     * Starts "roll out now" and measures, from the moment the request is sent, when each replica holds version 2 of
     * every office.
     */
    Timing rollOutNow(List<String> replicas, Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        HttpRequest rollout = HttpRequest.newBuilder(request("POST", "/api/v1/rollouts", author, null), (n, v) -> true)
                .timeout(timeout)
                .build();
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(rollout, HttpResponse.BodyHandlers.ofString());
        List<CompletableFuture<Long>> watchers = new ArrayList<>();
        List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        int watched = prepared.size();
        for (String replica : replicas) {
            watchers.add(CompletableFuture.supplyAsync(() -> {
                long deadline = t0 + timeout.toNanos();
                int updated = 0;
                while (System.nanoTime() < deadline) {
                    try {
                        updated = countAtLeast(replica, 2);
                        if (updated >= watched) {
                            return (System.nanoTime() - t0) / 1_000_000;
                        }
                    } catch (Exception e) {
                        // next poll
                    }
                    KafkaBench.sleep(50);
                }
                progress.add(replica + ": " + updated + " of " + watched);
                return -1L;
            }));
        }
        HttpResponse<String> response;
        try {
            response = answer.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("roll out now did not answer within " + timeout + " (" + e.getCause()
                    + "); replicas then: " + progressNow(replicas));
        }
        long answerMillis = (System.nanoTime() - t0) / 1_000_000;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("roll out now answered " + response.statusCode() + ": " + response.body());
        }
        int activated = JSON.readTree(response.body()).path("activated").asInt(-1);
        List<Long> per = new ArrayList<>();
        for (CompletableFuture<Long> w : watchers) {
            per.add(w.get());
        }
        if (per.contains(-1L)) {
            throw new IllegalStateException("not every replica updated within " + timeout + " of the rollout: "
                    + progress + "; config-service answered after " + answerMillis + " ms, " + activated
                    + " activated");
        }
        long all = per.stream().mapToLong(Long::longValue).max().orElseThrow();
        return new Timing(answerMillis, all, per, activated);
    }

    private String progressNow(List<String> replicas) {
        List<String> out = new ArrayList<>();
        for (String replica : replicas) {
            try {
                out.add(replica + ": " + countAtLeast(replica, 2) + " of " + prepared.size());
            } catch (Exception e) {
                out.add(replica + ": " + e.getMessage());
            }
        }
        return out.toString();
    }

    private int countAtLeast(String replica, long version) throws Exception {
        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(URI.create(replica + "/q/metrics"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Double> versions = new HashMap<>();
        Matcher m = VERSION.matcher(metrics.body());
        while (m.find()) {
            versions.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        int n = 0;
        for (String id : prepared) {
            if (versions.getOrDefault(id, 0.0) >= version) {
                n++;
            }
        }
        return n;
    }

    /** How many offices took part: {@code count}, or fewer if config-service was too slow to prepare them. */
    int prepared() {
        return prepared.size();
    }

    private HttpRequest request(String method, String path, String bearer, JsonNode body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(config + path))
                .timeout(Duration.ofSeconds(180))
                .header("Authorization", bearer)
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    private HttpResponse<String> send(String method, String path, String bearer, JsonNode body) throws Exception {
        return http.send(request(method, path, bearer, body), HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + truncate(response.body()));
        }
        return response.body();
    }

    private static String truncate(String s) {
        return s == null ? "" : s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }
}
