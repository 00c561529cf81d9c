package de.jobcenter.postfach.quality.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.quality.bench.BenchSystem.Svc;
import de.jobcenter.postfach.quality.bench.Report.Bar;
import de.jobcenter.postfach.quality.bench.Report.Row;
import de.jobcenter.postfach.quality.harness.PostfachSystem;
import de.jobcenter.postfach.testing.ManagedProcess;
import de.jobcenter.postfach.testing.Tokens;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Runs P1–P6 of {@code 70-quality.md} against the packaged services, each figure beside its baseline measured in
 * the same run, and writes {@code benchmarks.json} and {@code benchmarks.md}. Started by {@code ./mvnw -pl quality
 * -Pbenchmarks verify}; sizes come from {@code bench.*} system properties (see the profile in {@code quality/pom.xml}).
 *
 * <p>Order: infrastructure → config-service (demo offices) → mailbox-api → P2 (JDBC baseline, then the API; its
 * messages go to JC-HAMBURG-NORD's Outlook route and become P1's backlog) → P1 (the backlog copied to a baseline
 * topic and passed through by {@link PassThroughBaseline}; then routing-service started on the backlog) → eakte-adapter
 * → P3/P4 (raw Kafka baseline, then the API at a steady rate to JC-BERLIN-MITTE's E-AKTE route) → P5 (500 offices
 * through config-service's central-admin API, "roll out now") → P6 (outlook-adapter, servicecenter-adapter and
 * notification-service started, then loaded through mailbox-api and the E-AKTE simulator; RSS of every service
 * sampled throughout, exec → ready of every start).
 */
public final class BenchmarkMain {
    private static final Logger LOG = Logger.getLogger(BenchmarkMain.class.getName());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String P2_OFFICE = "JC-HAMBURG-NORD";
    private static final String P2_CONCERN = "RENT_AND_HEATING";
    private static final String P3_OFFICE = "JC-BERLIN-MITTE";
    private static final String P3_CONCERN = "PROCESSING_STATUS";
    private static final String P6_SERVICE_CENTER_OFFICE = "JC-KOELN";
    private static final String P6_SERVICE_CENTER_CONCERN = "APPOINTMENT_REQUEST";
    private static final String P6_INFO_CUSTOMER = "bench-p6-info-";
    private static final Pattern MESSAGE_ID = Pattern.compile("<([0-9a-fA-F-]{36})@");
    private static final int CUSTOMERS = 100;

    private final Path root;
    private final Path output;
    private final Report report = new Report(true);
    private final List<String> notes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    private final String body1k;
    private BenchSystem system;
    private KafkaBench kafka;
    private RssSampler rss;
    private long accepted;
    private String serviceHeap;
    /** The services' JVM flags (heap included); P1's baseline runs with the same. */
    private final List<String> serviceFlags = new ArrayList<>();

    private BenchmarkMain(Path root, Path output) {
        this.root = root;
        this.output = output;
        StringBuilder b = new StringBuilder();
        while (b.length() < 900) {
            b.append("Guten Tag, ich bitte um Auskunft zu meinem Antrag auf Kosten der Unterkunft und Heizung. ");
        }
        body1k = b.substring(0, 900);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("postfach.repository.root", ".."))
                .toAbsolutePath()
                .normalize();
        Path output = Path.of(System.getProperty("bench.output", "target"));
        List<Path> missing = BenchSystem.missingJars(root);
        if (!missing.isEmpty()) {
            System.err.println(
                    "bench: the services are not packaged; run ./mvnw install -DskipTests first. Missing: " + missing);
            System.exit(2);
        }
        int code;
        try {
            code = new BenchmarkMain(root, output).run();
        } finally {
            System.out.flush();
        }
        // the shared broker and PostgreSQL stop in shutdown hooks
        System.exit(code);
    }

    private int run() throws Exception {
        Instant began = Instant.now();
        Path logs = output.resolve("bench").resolve("logs");
        Files.createDirectories(logs);
        serviceHeap = System.getProperty("bench.service-heap", "64m");
        List<String> flags = new ArrayList<>();
        flags.add("-Xmx" + serviceHeap);
        flags.addAll(Arrays.stream(
                        System.getProperty("bench.service-jvm-flags", "").trim().split("\\s+"))
                .filter(s -> !s.isBlank())
                .toList());
        serviceFlags.addAll(flags);
        boolean jfr = Boolean.getBoolean("bench.jfr");
        Map<String, String> environment = new LinkedHashMap<>();
        for (String pair : System.getProperty("bench.service-env", "").trim().split("\\s+")) {
            if (pair.contains("=")) {
                environment.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        facts(began, flags, jfr);
        report.fact("service environment", environment.toString());

        system = new BenchSystem(root, logs, flags, environment, jfr);
        kafka = new KafkaBench(system.kafka.bootstrapServers());
        Map<String, Integer> benchTopics = new LinkedHashMap<>();
        for (String t : List.of("bench.p1.in", "bench.p1.out", "bench.p1.status", "bench.raw", "bench.rt")) {
            benchTopics.put(t, 3);
        }
        system.kafka.createTopics(benchTopics);
        rss = new RssSampler(
                () -> {
                    Map<String, Long> named = new LinkedHashMap<>();
                    system.pids().forEach((svc, pid) -> named.put(svc.module, pid));
                    return named;
                },
                200);
        List<String> phases = Arrays.asList(System.getProperty("bench.phases", "P1,P2,P3,P5,P6")
                .toUpperCase()
                .split(","));
        try {
            rss.phase("start");
            system.start(Svc.CONFIG);
            system.start(Svc.MAILBOX);
            if (phases.contains("P2")) {
                phase("P2", "mailbox-api POST /messages", "≥ 0.4 × baseline; p99 ≤ 5 × baseline", this::p2);
            }
            if (phases.contains("P1")) {
                phase("P1", "routing-service throughput", "≥ 0.7 × baseline", this::p1);
            }
            if (phases.contains("P3")) {
                phase("P3", "POST → postfach.routed.* p99", "≤ baseline + 100 ms", this::p3p4);
            }
            if (phases.contains("P5")) {
                phase("P5", "rollout to all replicas", "< 5 s", this::p5);
            }
            if (phases.contains("P6")) {
                phase(
                        "P6",
                        "outlook-adapter, servicecenter-adapter, notification-service under load",
                        "< 256 MiB; < 3 s",
                        this::p6Load);
            }
            p6();
            if (jfr) {
                // stop the services first: the recordings are written at exit
                for (Svc svc : Svc.values()) {
                    system.stop(svc);
                }
                notes.add("JFR recordings (settings=profile): " + system.recordings());
            }
            notes.add("Figures on a shared 2-core machine are noisy; the ratio against the baseline measured in the"
                    + " same run is the point. Load generator, Kafka broker, E-AKTE simulator and OIDC issuer run in"
                    + " the benchmark JVM; PostgreSQL is the local server; everything over loopback.");
            report.fact("finished", Instant.now().toString());
            report.fact("loadavg at end", loadavg());
            String table = report.table();
            System.out.println();
            System.out.println(table);
            report.write(output, "Benchmarks P1–P6", notes);
            System.out.println(
                    "bench: wrote " + output.resolve("benchmarks.json") + " and " + output.resolve("benchmarks.md"));
        } finally {
            rss.close();
            system.close();
        }
        return 0;
    }

    private void facts(Instant began, List<String> flags, boolean jfr) {
        report.fact("date", began.atOffset(ZoneOffset.UTC).toString());
        report.fact("machine", Runtime.getRuntime().availableProcessors() + " cores, " + memTotal() + " RAM");
        report.fact(
                "java",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vendor") + ")");
        report.fact("service JVM flags", String.join(" ", flags) + (jfr ? " + JFR" : ""));
        report.fact("loadavg at start", loadavg());
        List<String> props = new ArrayList<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("bench.p"))
                .sorted()
                .forEach(k -> props.add(k + "=" + System.getProperty(k)));
        report.fact("sizes", String.join(", ", props));
    }

    private interface Phase {
        void run() throws Exception;
    }

    private void phase(String id, String what, String bar, Phase body) {
        rss.phase(id);
        System.out.println("bench: " + id + " …");
        try {
            body.run();
        } catch (Exception | Error e) {
            LOG.log(Level.SEVERE, "bench: " + id + " failed", e);
            report.add(Row.failed(id, what, bar, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    // ---- P2 ----------------------------------------------------------------------------------------------------

    private void p2() throws Exception {
        int callers = Integer.getInteger("bench.p2.concurrency", 16);
        Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.p2.warmup-seconds", 8));
        Duration measure = Duration.ofSeconds(Integer.getInteger("bench.p2.seconds", 15));

        Load.Outcome baseSat;
        Load.Outcome apiSat;
        Load.Outcome baseHalf;
        Load.Outcome apiHalf;
        try (JdbcBaseline jdbc = new JdbcBaseline(root, 16, body1k)) {
            jdbc.saturate(callers, Duration.ofSeconds(Math.min(5, warmup.toSeconds())));
            baseSat = jdbc.saturate(callers, measure);
            System.out.printf("bench: P2 baseline saturation %.0f/s%n", baseSat.throughput());

            String[] tokens = customerTokens();
            String url = system.url(Svc.MAILBOX) + "/api/v1/messages";
            AtomicInteger seq = new AtomicInteger();
            Load.closed(callers, warmup, () -> post(url, tokens, P2_OFFICE, P2_CONCERN, "bench-p2w-" + seq.get()));
            apiSat = Load.closed(
                    callers, measure, () -> post(url, tokens, P2_OFFICE, P2_CONCERN, "bench-p2-" + seq.get()));
            System.out.printf("bench: P2 API saturation %.0f/s (%d failed)%n", apiSat.throughput(), apiSat.failed());

            double half = apiSat.throughput() / 2;
            apiHalf = Load.open(
                    half,
                    (int) Math.ceil(half * measure.toSeconds()),
                    measure,
                    Duration.ofSeconds(30),
                    (i, at) -> postAsync(url, tokens, i, P2_OFFICE, P2_CONCERN, "bench-p2h-" + i));
            accepted += apiHalf.ok();
            // the baseline at the same offered rate: the same load for both latency figures
            baseHalf = jdbc.atRate(half, measure);
        }
        report.add(new Row(
                "P2",
                "mailbox-api POST /messages at saturation (" + callers + " callers)",
                apiSat.throughput(),
                baseSat.throughput(),
                "req/s",
                Bar.RATIO_AT_LEAST,
                0.4,
                "≥ 0.4",
                "baseline: JDBC insert conversation+message+outbox row, commit; pool 16, " + callers
                        + " callers; API failures " + apiSat.failed() + " of " + apiSat.sent(),
                null));
        report.add(new Row(
                "P2",
                String.format(
                        java.util.Locale.ROOT,
                        "p99 at half saturation (%.0f/s, open model)",
                        apiHalf.sent() / Math.max(0.001, apiHalf.seconds())),
                apiHalf.latency().getValueAtPercentile(99) / 1000.0,
                baseHalf.latency().getValueAtPercentile(99) / 1000.0,
                "ms",
                Bar.RATIO_AT_MOST,
                5,
                "≤ 5 ×",
                "p50 " + ms(apiHalf.latency(), 50) + " vs " + ms(baseHalf.latency(), 50) + " ms; baseline at the"
                        + " same offered rate; API answers " + answersSeen(),
                null));
    }

    private String[] customerTokens() {
        String[] tokens = new String[CUSTOMERS];
        Instant expiry = Instant.now().plus(Duration.ofHours(1));
        for (int i = 0; i < CUSTOMERS; i++) {
            tokens[i] = Tokens.customer("bench-customer-" + i)
                    .acr("pin-letter-confirmed")
                    .customerNumber("B" + (100000 + i))
                    .expiresAt(expiry)
                    .bearer();
        }
        return tokens;
    }

    private HttpRequest messageRequest(String url, String bearer, String office, String concern, String subject) {
        String json;
        try {
            json = JSON.writeValueAsString(
                    Map.of("officeId", office, "concern", concern, "subject", subject, "body", body1k));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private final AtomicLong roundRobin = new AtomicLong();

    private boolean post(String url, String[] tokens, String office, String concern, String subject) throws Exception {
        String bearer = tokens[(int) (roundRobin.getAndIncrement() % tokens.length)];
        HttpResponse<Void> r = http.send(
                messageRequest(url, bearer, office, concern, subject), HttpResponse.BodyHandlers.discarding());
        boolean ok = r.statusCode() == 201;
        if (ok) {
            synchronized (this) {
                accepted++;
            }
        }
        return ok;
    }

    /**
     * One open-model request: handed at its intended time to a pool of {@code bench.http.connections} callers (the
     * portal's bounded connection pool; default 64), so an overloaded API sees a bounded number of connections
     * while requests wait client-side — and their latency still counts from the intended time.
     */
    private CompletableFuture<Boolean> postAsync(
            String url, String[] tokens, int i, String office, String concern, String subject) {
        return postAsync(url, tokens, i, office, concern, subject, null);
    }

    /** As above; the {@code messageId} of each created message goes to {@code createdIds} unless that is null. */
    private CompletableFuture<Boolean> postAsync(
            String url, String[] tokens, int i, String office, String concern, String subject, Set<String> createdIds) {
        return CompletableFuture.supplyAsync(
                () -> {
                    String answer;
                    boolean ok = false;
                    try {
                        HttpResponse<String> r = http.send(
                                messageRequest(url, tokens[i % tokens.length], office, concern, subject),
                                HttpResponse.BodyHandlers.ofString());
                        ok = r.statusCode() == 201;
                        answer = ok ? "201" : r.statusCode() + " " + problemType(r.body());
                        if (ok && createdIds != null) {
                            createdIds.add(
                                    JSON.readTree(r.body()).path("messageId").asText());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        answer = "not sent (run over)";
                    } catch (Exception e) {
                        answer = e.getClass().getSimpleName();
                    }
                    answers.computeIfAbsent(answer, k -> new AtomicLong()).incrementAndGet();
                    return ok;
                },
                callers);
    }

    private final java.util.concurrent.ExecutorService callers =
            Executors.newFixedThreadPool(Integer.getInteger("bench.http.connections", 64), r -> {
                Thread t = new Thread(r, "api-caller");
                t.setDaemon(true);
                return t;
            });

    /** Drops the requests still waiting for a caller: an overloaded run ends when its time is up. */
    private void dropQueuedRequests() {
        if (callers instanceof java.util.concurrent.ThreadPoolExecutor pool) {
            int dropped = pool.getQueue().size();
            pool.getQueue().clear();
            if (dropped > 0) {
                answers.computeIfAbsent("not sent (run over)", k -> new AtomicLong())
                        .addAndGet(dropped);
            }
        }
    }

    /** What the API answered in the open-model runs, e.g. {@code 201} → 6000; cleared per phase. */
    private final Map<String, AtomicLong> answers = new java.util.concurrent.ConcurrentHashMap<>();

    private static String problemType(String body) {
        try {
            return JSON.readTree(body).path("type").asText("");
        } catch (Exception e) {
            return "";
        }
    }

    private String answersSeen() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        answers.forEach((k, v) -> copy.put(k, v.get()));
        answers.clear();
        return copy.toString();
    }

    // ---- P1 ----------------------------------------------------------------------------------------------------

    private void p1() throws Exception {
        long wanted = Long.getLong("bench.p1.messages", 40000);
        // mailbox-api's outbox relay publishes what P2 wrote: wait for all of it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (kafka.endOffsets(Topics.CUSTOMER_MESSAGES) < accepted) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the outbox published only " + kafka.endOffsets(Topics.CUSTOMER_MESSAGES) + " of " + accepted
                                + " accepted messages within 180 s");
            }
            KafkaBench.sleep(200);
        }
        // stopped, so that its status updates do not compete with either pass-through loop
        system.stop(Svc.MAILBOX);
        long inputs = kafka.endOffsets(Topics.CUSTOMER_MESSAGES);
        if (inputs != accepted) {
            notes.add("P1: postfach.customer-messages holds " + inputs + " offsets for " + accepted
                    + " accepted writes (transaction markers or relay retries count too)");
        }
        long topUp = Math.max(0, wanted - inputs);
        topUp(topUp);
        inputs += topUp;
        System.out.println("bench: P1 backlog of " + inputs + " records (" + topUp + " produced directly)");

        kafka.copy(Topics.CUSTOMER_MESSAGES, "bench.p1.in", inputs, Duration.ofSeconds(120));
        ManagedProcess.Builder baselineBuilder = ManagedProcess.java("p1-baseline")
                .mainClass(System.getProperty("java.class.path"), PassThroughBaseline.class.getName())
                .logFile(system.logFile(Svc.ROUTING).resolveSibling("p1-baseline.log"))
                .args(
                        system.kafka.bootstrapServers(),
                        "bench.p1.in",
                        "bench.p1.out",
                        "bench.p1.status",
                        String.valueOf(inputs),
                        "bench-p1-baseline");
        serviceFlags.forEach(baselineBuilder::jvmArg);
        ManagedProcess baseline = baselineBuilder.start();
        KafkaBench.Rates base;
        try {
            base = kafka.outputRates("bench.p1.out", inputs, Duration.ofSeconds(300));
        } finally {
            baseline.stop();
        }
        System.out.printf("bench: P1 baseline %.0f records/s (steady %.0f)%n", base.all(), base.steady());

        rss.phase("P1");
        system.start(Svc.ROUTING);
        KafkaBench.Rates routing = kafka.outputRates(Topics.ROUTED_OUTLOOK, inputs, Duration.ofSeconds(300));
        System.out.printf("bench: P1 routing-service %.0f records/s (steady %.0f)%n", routing.all(), routing.steady());
        report.add(new Row(
                "P1",
                "routing-service throughput, " + inputs + " × ~1 KB, transactions on (second half)",
                routing.steady(),
                base.steady(),
                "msg/s",
                Bar.RATIO_AT_LEAST,
                0.7,
                "≥ 0.7",
                "baseline: plain consumer→transactional producer, 3 partitions, one transaction per poll, same"
                        + " heap/flags in its own JVM, 2 outputs per input; rate = messages between the median and the"
                        + " last output timestamp (steady state after JIT warm-up); over all outputs: "
                        + Report.number(routing.all()) + " vs " + Report.number(base.all()) + " msg/s",
                null));

        system.start(Svc.MAILBOX);
        kafka.awaitNoLag("mailbox-api", Topics.DELIVERY_STATUS, Duration.ofSeconds(240));
    }

    private void topUp(long count) throws Exception {
        if (count == 0) {
            return;
        }
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            for (long i = 0; i < count; i++) {
                Instant now = Instant.now();
                CustomerMessageSubmitted event = new CustomerMessageSubmitted(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        null,
                        "bench-customer-" + (i % CUSTOMERS),
                        null,
                        P2_OFFICE,
                        P2_CONCERN,
                        "bench-p1-" + i,
                        body1k,
                        false,
                        null,
                        now);
                RecordHeaders headers = new RecordHeaders();
                CloudEventHeaders.forEvent(event, "mailbox-api", now)
                        .forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(new ProducerRecord<>(
                        Topics.CUSTOMER_MESSAGES, null, event.partitionKey(), EventJson.write(event), headers));
            }
            producer.flush();
        }
    }

    // ---- P3 / P4 -----------------------------------------------------------------------------------------------

    private void p3p4() throws Exception {
        double rate = Integer.getInteger("bench.p3.rate", 200);
        int seconds = Integer.getInteger("bench.p3.seconds", 30);
        int count = (int) (rate * seconds);
        Duration window = Duration.ofSeconds(seconds + 5);

        rss.phase("P3/P4");
        ensureRunning(Svc.ROUTING);
        ensureRunning(Svc.EAKTE);
        Histogram raw = kafka.rawLatency("bench.raw", rate, count, 1300, window);
        System.out.printf(
                "bench: raw Kafka produce→consume p99 %.1f ms (%d records)%n",
                raw.getValueAtPercentile(99) / 1000.0, raw.getTotalCount());

        String[] tokens = customerTokens();
        String url = system.url(Svc.MAILBOX) + "/api/v1/messages";
        // warm-up at the same rate, not measured
        Load.open(
                rate,
                (int) (rate * 5),
                Duration.ofSeconds(6),
                Duration.ofSeconds(5),
                (i, at) -> postAsync(url, tokens, i, P3_OFFICE, P3_CONCERN, "bench-p3w-" + i));
        dropQueuedRequests();
        System.out.println("bench: P3 warm-up answers " + answersSeen());

        AtomicLongArray intended = new AtomicLongArray(count);
        Histogram routed = Load.histogram();
        Histogram delivered = Load.histogram();
        BitSet routedSeen = new BitSet(count);
        long nanoAnchor = System.nanoTime();
        Instant wallAnchor = Instant.now();
        IntFunction<Long> intendedEpochNanos = i ->
                wallAnchor.getEpochSecond() * 1_000_000_000L + wallAnchor.getNano() + (intended.get(i) - nanoAnchor);
        Load.Outcome sent;
        EakteWatch watch = new EakteWatch(count, delivered, intended, intendedEpochNanos);
        try (KafkaBench.Tail tail = kafka.new Tail(List.of(Topics.ROUTED_EAKTE), r -> {
            int i = subjectIndex(r.value());
            if (i >= 0) {
                synchronized (routedSeen) {
                    if (routedSeen.get(i)) {
                        return;
                    }
                    routedSeen.set(i);
                }
                Load.record(routed, System.nanoTime() - intended.get(i));
            }
        })) {
            watch.start();
            sent = Load.open(rate, count, window, Duration.ofSeconds(30), (i, at) -> {
                intended.set(i, at);
                return postAsync(url, tokens, i, P3_OFFICE, P3_CONCERN, "bench-p3-" + i);
            });
            dropQueuedRequests();
            KafkaBench.awaitCount(routed, sent.ok(), Duration.ofSeconds(45));
            KafkaBench.awaitCount(delivered, sent.ok(), Duration.ofSeconds(45));
        } finally {
            watch.stop();
        }
        double rawP99 = raw.getValueAtPercentile(99) / 1000.0;
        String answered = answersSeen();
        String lost = sent.ok() == 0
                ? "no message accepted; API answers " + answered
                : routed.getTotalCount() < sent.ok()
                        ? "only " + routed.getTotalCount() + " of " + sent.ok()
                                + " accepted messages routed within 45 s"
                        : null;
        report.add(new Row(
                "P3",
                String.format(java.util.Locale.ROOT, "POST /messages → postfach.routed.eakte p99 at %.0f/s", rate),
                routed.getValueAtPercentile(99) / 1000.0,
                rawP99,
                "ms",
                Bar.DIFFERENCE_AT_MOST,
                100,
                "≤ baseline + 100 ms",
                "p50 " + ms(routed, 50) + " ms, max " + ms(routed, 100) + " ms; " + count
                        + " messages; baseline raw produce→consume (acks=all, read_committed) p50 " + ms(raw, 50)
                        + " ms; API answers " + answered + "; HTTP p99 " + ms(sent.latency(), 99) + " ms",
                lost));
        String lostDocs = sent.ok() == 0
                ? "no message accepted"
                : delivered.getTotalCount() < sent.ok()
                        ? "only " + delivered.getTotalCount() + " of " + sent.ok()
                                + " messages in E-AKTE within 90 s of the last send"
                        : null;
        report.add(new Row(
                "P4",
                String.format(java.util.Locale.ROOT, "POST /messages → E-AKTE simulator document p99 at %.0f/s", rate),
                delivered.getValueAtPercentile(99) / 1000.0,
                rawP99,
                "ms",
                Bar.DIFFERENCE_AT_MOST,
                1000,
                "≤ baseline + 1000 ms",
                "p50 " + ms(delivered, 50) + " ms, max " + ms(delivered, 100) + " ms; time = the simulator's storedAt",
                lostDocs));
    }

    private static int subjectIndex(byte[] value) {
        try {
            JsonNode subject = JSON.readTree(value).get("subject");
            if (subject != null && subject.asText().startsWith("bench-p3-")) {
                return Integer.parseInt(subject.asText().substring("bench-p3-".length()));
            }
        } catch (Exception e) {
            // not ours
        }
        return -1;
    }

    /** Watches the E-AKTE simulator's documents; latency = storedAt − intended send time (both wall clock). */
    private final class EakteWatch {
        private final BitSet seen;
        private final Histogram delivered;
        private final AtomicLongArray intended;
        private final IntFunction<Long> intendedEpochNanos;
        private volatile boolean running = true;
        private Thread thread;

        EakteWatch(int count, Histogram delivered, AtomicLongArray intended, IntFunction<Long> intendedEpochNanos) {
            this.seen = new BitSet(count);
            this.delivered = delivered;
            this.intended = intended;
            this.intendedEpochNanos = intendedEpochNanos;
        }

        void start() {
            thread = new Thread(
                    () -> {
                        int scanned = 0;
                        while (running) {
                            List<JsonNode> docs = system.eakte.documents();
                            for (int d = scanned; d < docs.size(); d++) {
                                JsonNode doc = docs.get(d);
                                String subject = doc.path("subject").asText("");
                                if (!subject.startsWith("bench-p3-")) {
                                    continue;
                                }
                                int i = Integer.parseInt(subject.substring("bench-p3-".length()));
                                if (seen.get(i) || intended.get(i) == 0) {
                                    continue;
                                }
                                seen.set(i);
                                Instant stored =
                                        Instant.parse(doc.path("storedAt").asText());
                                long storedNanos = stored.getEpochSecond() * 1_000_000_000L + stored.getNano();
                                Load.record(delivered, storedNanos - intendedEpochNanos.apply(i));
                            }
                            scanned = docs.size();
                            KafkaBench.sleep(20);
                        }
                    },
                    "eakte-watch");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(5000);
        }
    }

    // ---- P5 ----------------------------------------------------------------------------------------------------

    private void p5() throws Exception {
        int offices = Integer.getInteger("bench.p5.offices", 500);
        rss.phase("P5");
        ensureRunning(Svc.ROUTING);
        HttpClient configClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        ConfigRollout rollout = new ConfigRollout(configClient, system.url(Svc.CONFIG), offices);
        rollout.prepare(Duration.ofSeconds(Integer.getInteger("bench.p5.prepare-seconds", 240)));
        if (rollout.prepared() == 0) {
            throw new IllegalStateException("config-service prepared no office within the budget");
        }
        List<String> replicas = List.of(system.url(Svc.ROUTING), system.url(Svc.MAILBOX));
        rollout.awaitVersions(replicas, 1, Duration.ofSeconds(120));
        double roundTrip = kafka.roundTripMillis("bench.rt", 20);
        ConfigRollout.Timing timing =
                rollout.rollOutNow(replicas, Duration.ofSeconds(Integer.getInteger("bench.p5.timeout-seconds", 180)));
        report.add(new Row(
                "P5",
                "rollout of " + rollout.prepared() + " offices: \"roll out now\" → routing-service and mailbox-api"
                        + " updated",
                timing.allUpdatedMillis() / 1000.0,
                roundTrip / 1000.0,
                "s",
                Bar.BELOW,
                5,
                "< 5 s",
                (rollout.prepared() < offices
                                ? "ONLY " + rollout.prepared() + " of " + offices
                                        + " offices prepared within the budget; "
                                : "")
                        + "config-service answered the rollout after " + timing.answerMillis() + " ms ("
                        + timing.activated()
                        + " activated); routing-service "
                        + timing.perReplicaMillis().get(0) + " ms, mailbox-api "
                        + timing.perReplicaMillis().get(1) + " ms; baseline: median Kafka round trip (acks=all,"
                        + " read_committed); observed via postfach_office_config_version on /q/metrics every 50 ms",
                null));
    }

    // ---- P6 ----------------------------------------------------------------------------------------------------

    /**
     * Starts outlook-adapter, servicecenter-adapter and notification-service (exec → ready recorded like the others)
     * and puts each under load through the real path while {@link RssSampler} samples them: customers write through
     * mailbox-api to JC-HAMBURG-NORD (office mail by SMTP to GreenMail) and to JC-KOELN (tickets at the VCC
     * simulator), each at {@code bench.p6.rate}/s for {@code bench.p6.seconds}; then {@code bench.p6.info-customers}
     * customers opt in to info e-mails and each gets one staff message from the E-AKTE simulator (→ eakte-adapter →
     * mailbox-api → notification-service → info e-mail). Each load waits, at most {@code bench.p6.wait-seconds}, until
     * what it sent has arrived, so the services are sampled while they work; the counts go to the notes.
     */
    private void p6Load() throws Exception {
        double rate = Integer.getInteger("bench.p6.rate", 40);
        int seconds = Integer.getInteger("bench.p6.seconds", 20);
        int infoCustomers = Integer.getInteger("bench.p6.info-customers", 400);
        Duration wait = Duration.ofSeconds(Integer.getInteger("bench.p6.wait-seconds", 180));
        int count = (int) (rate * seconds);
        Duration window = Duration.ofSeconds(seconds + 5);

        ensureRunning(Svc.ROUTING);
        ensureRunning(Svc.EAKTE);
        // P1's backlog (P2's messages and the top-up) is on postfach.routed.outlook: it measured routing-service and
        // is not this phase's load. Unskipped, it would be mailed first and this phase's messages would wait for it.
        long skipped = kafka.skipToEnd("outlook-adapter", Topics.ROUTED_OUTLOOK);
        rss.phase("P6 start");
        for (Svc svc : List.of(Svc.OUTLOOK, Svc.SERVICECENTER, Svc.NOTIFICATION)) {
            Duration startup = system.start(svc);
            System.out.printf("bench: P6 %s ready after %.1f s%n", svc.module, startup.toMillis() / 1000.0);
        }
        String[] tokens = customerTokens();
        String url = system.url(Svc.MAILBOX) + "/api/v1/messages";

        rss.phase("P6 outlook");
        long routedOutlook = kafka.records(Topics.ROUTED_OUTLOOK);
        Set<String> mailed = ConcurrentHashMap.newKeySet();
        Load.Outcome toOutlook = Load.open(
                rate,
                count,
                window,
                Duration.ofSeconds(30),
                (i, at) -> postAsync(url, tokens, i, P2_OFFICE, P2_CONCERN, "bench-p6o-" + i, mailed));
        dropQueuedRequests();
        String outlookAnswers = answersSeen();
        long[] outlookWait = new long[1];
        long officeMails = awaitArrivals(() -> officeMails(mailed), mailed.size(), wait, outlookWait);

        routedOutlook = kafka.records(Topics.ROUTED_OUTLOOK) - routedOutlook;
        System.out.printf(
                "bench: P6 outlook-adapter: %d of %d accepted messages mailed (%d routed)%n",
                officeMails, mailed.size(), routedOutlook);

        rss.phase("P6 servicecenter");
        long routedServiceCenter = kafka.records(Topics.ROUTED_SERVICECENTER);
        Set<String> ticketed = ConcurrentHashMap.newKeySet();
        Load.Outcome toServiceCenter = Load.open(
                rate,
                count,
                window,
                Duration.ofSeconds(30),
                (i, at) -> postAsync(
                        url,
                        tokens,
                        i,
                        P6_SERVICE_CENTER_OFFICE,
                        P6_SERVICE_CENTER_CONCERN,
                        "bench-p6s-" + i,
                        ticketed));
        dropQueuedRequests();
        String serviceCenterAnswers = answersSeen();
        long[] serviceCenterWait = new long[1];
        long tickets = awaitArrivals(() -> tickets(ticketed), ticketed.size(), wait, serviceCenterWait);

        routedServiceCenter = kafka.records(Topics.ROUTED_SERVICECENTER) - routedServiceCenter;
        System.out.printf(
                "bench: P6 servicecenter-adapter: %d of %d accepted messages ticketed (%d routed)%n",
                tickets, ticketed.size(), routedServiceCenter);

        rss.phase("P6 notification");
        long optedIn = optIn(infoCustomers);
        long preferences = kafka.awaitRecords(Topics.NOTIFICATION_PREFERENCES, optedIn, wait);
        if (preferences > 0) {
            kafka.awaitNoLag("notification-service", Topics.NOTIFICATION_PREFERENCES, wait);
        }
        double staffRate = Math.max(1, infoCustomers / (double) seconds);
        Load.Outcome staff = Load.open(
                staffRate,
                infoCustomers,
                window,
                Duration.ofSeconds(30),
                (i, at) -> CompletableFuture.supplyAsync(
                        () -> system.eakte.sendStaffReply(staffMessage(i)).status() == 202, callers));
        dropQueuedRequests();
        long[] infoWait = new long[1];
        long infoMails = awaitArrivals(this::infoMailRecipients, staff.ok(), wait, infoWait);
        long deadLettered = 0;
        for (String topic : List.of(Topics.ROUTED_OUTLOOK, Topics.ROUTED_SERVICECENTER, Topics.MAILBOX_EVENTS)) {
            deadLettered += kafka.records(Topics.dlq(topic));
        }
        System.out.printf(
                "bench: P6 notification-service: %d of %d customers got an info e-mail; %d records dead-lettered%n",
                infoMails, staff.ok(), deadLettered);

        notes.add(String.format(
                java.util.Locale.ROOT,
                "P6 load (what the three services did while sampled): outlook-adapter mailed %d of %d messages"
                        + " accepted for %s (%d sent at %.0f/s, API answers %s, %d routed to postfach.routed.outlook;"
                        + " waited %.1f s after the last answer); servicecenter-adapter ticketed %d of %d accepted"
                        + " for %s at the VCC simulator (%d sent, API answers %s, %d routed; waited %.1f s);"
                        + " notification-service sent info e-mails to %d of %d customers (%d of %d opted in, %d"
                        + " preference records; %d of %d staff messages accepted by eakte-adapter at %.0f/s; waited"
                        + " %.1f s); %d records in the dead-letter topics of the three services' inputs%s",
                officeMails,
                mailed.size(),
                P2_OFFICE,
                toOutlook.sent(),
                rate,
                outlookAnswers,
                routedOutlook,
                outlookWait[0] / 1000.0,
                tickets,
                ticketed.size(),
                P6_SERVICE_CENTER_OFFICE,
                toServiceCenter.sent(),
                serviceCenterAnswers,
                routedServiceCenter,
                serviceCenterWait[0] / 1000.0,
                infoMails,
                staff.ok(),
                optedIn,
                infoCustomers,
                preferences,
                staff.ok(),
                staff.sent(),
                staffRate,
                infoWait[0] / 1000.0,
                deadLettered,
                skipped > 0
                        ? "; outlook-adapter started at the end of postfach.routed.outlook (" + skipped
                                + " offsets of P1's backlog skipped)"
                        : ""));
    }

    /**
     * Polls {@code arrived} every second (reading GreenMail's store costs CPU in this JVM, which also runs the SMTP
     * server) until it reaches {@code expected} or {@code timeout} passes; returns the last
     * count and puts the time waited (ms) into {@code waitedMillis[0]}.
     */
    private static long awaitArrivals(
            java.util.function.LongSupplier arrived, long expected, Duration timeout, long[] waitedMillis) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long count = arrived.getAsLong();
        while (count < expected && System.nanoTime() < deadline) {
            KafkaBench.sleep(1000);
            count = arrived.getAsLong();
        }
        waitedMillis[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return count;
    }

    /** Office mails in GreenMail whose Message-ID names one of {@code ids} (outlook-adapter's Message-ID scheme). */
    private long officeMails(Set<String> ids) {
        Set<String> found = new java.util.HashSet<>();
        for (MimeMessage mail : system.mail.getReceivedMessages()) {
            try {
                String header = mail.getMessageID();
                Matcher matcher = header == null ? null : MESSAGE_ID.matcher(header);
                if (matcher != null && matcher.find() && ids.contains(matcher.group(1))) {
                    found.add(matcher.group(1));
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found.size();
    }

    /** VCC tickets whose {@code externalReference} (the message id) is one of {@code ids}. */
    private long tickets(Set<String> ids) {
        return system.vcc.tickets().stream()
                .map(t -> t.path("externalReference").asText())
                .filter(ids::contains)
                .distinct()
                .count();
    }

    /** Distinct P6 customers with at least one info e-mail in GreenMail. */
    private long infoMailRecipients() {
        Set<String> recipients = new java.util.HashSet<>();
        for (MimeMessage mail : system.mail.getReceivedMessages()) {
            try {
                Address[] to = mail.getAllRecipients();
                for (Address address : to == null ? new Address[0] : to) {
                    if (address.toString().contains(P6_INFO_CUSTOMER)) {
                        recipients.add(address.toString());
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return recipients.size();
    }

    /** A P6 customer's token: pin-letter sign-in, a BA customer number and a verified e-mail address. */
    private static String infoCustomerToken(int i) {
        String subject = P6_INFO_CUSTOMER + i;
        return Tokens.customer(subject)
                .acr("pin-letter-confirmed")
                .customerNumber(PostfachSystem.customerNumber(subject))
                .email(subject + "@example.org", true)
                .expiresAt(Instant.now().plus(Duration.ofHours(1)))
                .bearer();
    }

    /** {@code PUT /me/notifications {"enabled":true}} for each P6 customer, 64 at a time; returns the 200s. */
    private long optIn(int customers) {
        String url = system.url(Svc.MAILBOX) + "/api/v1/me/notifications";
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            int customer = i;
            answers.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(30))
                                    .header("Authorization", infoCustomerToken(customer))
                                    .header("Content-Type", "application/json")
                                    .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true}"))
                                    .build();
                            return http.send(request, HttpResponse.BodyHandlers.discarding())
                                            .statusCode()
                                    == 200;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return false;
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    callers));
        }
        return answers.stream().filter(CompletableFuture::join).count();
    }

    /** A staff message from E-AKTE that starts a conversation with P6 customer {@code i}. */
    private Map<String, Object> staffMessage(int i) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("officeId", P3_OFFICE);
        message.put("customerNumber", PostfachSystem.customerNumber(P6_INFO_CUSTOMER + i));
        message.put("concern", "OTHER");
        message.put("subject", "bench-p6n-" + i);
        message.put("body", "Guten Tag, hier ist unsere Antwort auf Ihre Anfrage.");
        message.put("paymentRelevant", false);
        return message;
    }

    private void p6() {
        boolean nmt = String.join(" ", System.getProperty("bench.service-jvm-flags", ""))
                .contains("NativeMemoryTracking");
        if (nmt) {
            for (Svc svc : Svc.values()) {
                if (system.pid(svc) < 0) {
                    continue;
                }
                String summary = system.nativeMemory(svc);
                try {
                    Files.writeString(system.logFile(svc).resolveSibling(svc.module + "-nmt.txt"), summary);
                } catch (java.io.IOException e) {
                    // the note below still carries the totals
                }
                java.util.regex.Matcher total = java.util.regex.Pattern.compile(
                                "Total: reserved=\\d+KB, committed=(\\d+)KB")
                        .matcher(summary);
                StringBuilder parts = new StringBuilder();
                java.util.regex.Matcher part = java.util.regex.Pattern.compile(
                                "-\\s+([A-Za-z ]+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)")
                        .matcher(summary);
                while (part.find()) {
                    long mib = Long.parseLong(part.group(2)) / 1024;
                    if (mib >= 4) {
                        parts.append(part.group(1).trim())
                                .append(' ')
                                .append(mib)
                                .append(", ");
                    }
                }
                notes.add("P6 " + svc.module + " native memory (NMT, committed MiB) at the end: total "
                        + (total.find() ? Long.parseLong(total.group(1)) / 1024 : -1) + " — " + parts);
            }
        }
        for (Svc svc : Svc.values()) {
            Long kib = rss.maxKiB().get(svc.module);
            report.add(new Row(
                    "P6",
                    svc.module + " max RSS under load",
                    kib == null ? Double.NaN : kib / 1024.0,
                    Double.NaN,
                    "MiB",
                    Bar.BELOW,
                    256,
                    "< 256 MiB",
                    "highest during " + rss.phaseOfMax(svc.module) + "; -Xmx" + serviceHeap,
                    kib == null ? "not sampled" : null));
        }
        // The first starts above happen while the benchmark loads the machine (P1's backlog, other services
        // starting). The start that P6 means is one service starting on an otherwise idle system, as in a rolling
        // update: each running service is stopped and started once more, one after the other, after the loads.
        Map<Svc, Duration> idle = new EnumMap<>(Svc.class);
        if (Boolean.parseBoolean(System.getProperty("bench.p6.idle-restarts", "true"))) {
            rss.phase("P6 idle restarts");
            for (Svc svc : Svc.values()) {
                if (system.pid(svc) >= 0) {
                    system.stop(svc);
                    idle.put(svc, system.start(svc));
                }
            }
        }
        for (Svc svc : Svc.values()) {
            Duration first = system.startups().get(svc.module + "#0");
            Duration startup = idle.getOrDefault(svc, first);
            report.add(new Row(
                    "P6",
                    svc.module + " start (exec → ready)",
                    startup == null ? Double.NaN : startup.toMillis() / 1000.0,
                    Double.NaN,
                    "s",
                    Bar.BELOW,
                    3,
                    "< 3 s",
                    idle.containsKey(svc)
                            ? "restarted alone on the idle system after the loads; first start during the run took "
                                    + first.toMillis() / 1000.0 + " s"
                            : "first start, during the run",
                    startup == null ? "not started" : null));
        }
    }

    private void ensureRunning(Svc svc) {
        if (system.pid(svc) < 0) {
            system.start(svc);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static String ms(Histogram h, double percentile) {
        return Report.number(h.getValueAtPercentile(percentile) / 1000.0);
    }

    private static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(java.util.Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                }
            }
        } catch (Exception e) {
            // unknown
        }
        return "?";
    }
}
