package de.jobcenter.postfach.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak for the local stack: the distribution zip ({@code org.keycloak:keycloak-quarkus-dist}, fetched by
 * Maven) unpacked once, started in development mode with an in-memory database, so the realm {@code postfach} of
 * {@value #REALM_RESOURCE} is imported afresh on every start. Keycloak needs a Java 21+ runtime; the caller names
 * one. The host name is fixed to {@code localhost}: the {@code iss} claim is the same whichever address a client
 * uses.
 *
 * <p>The realm file carries {@code ${NAME}} placeholders for the client secrets (the same names as the deployed
 * realm's); {@link #start} fills them in before the import and refuses a file with a placeholder left open.
 */
public final class KeycloakServer implements AutoCloseable {
    public static final String VERSION = "26.5.6";
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String REALM = "postfach";
    public static final String REALM_RESOURCE = "/keycloak/postfach-realm.json";
    public static final int DEFAULT_PORT = 8180;
    /** The password of every demo user of the local realm. Local only: the deployed realm has no demo users. */
    public static final String DEMO_PASSWORD = "demo";
    /** The master realm's administrator of the local Keycloak (admin console). */
    public static final String ADMIN_USER = "admin";

    public static final String ADMIN_PASSWORD = "admin";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    private final ManagedProcess process;
    private final int port;

    private KeycloakServer(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Unpacks the distribution (once: a second call finds it) and starts Keycloak on {@code port}; returns at once,
     * {@link #awaitReady(Duration)} waits for the realm.
     *
     * @param zip the distribution zip
     * @param installDirectory where to unpack it, e.g. {@code .postfach/keycloak-26.5.6}
     * @param javaHome a Java 21+ runtime
     * @param secrets the values of the realm file's placeholders (client secrets)
     * @param logFile Keycloak's output
     */
    public static KeycloakServer start(
            Path zip, Path installDirectory, Path javaHome, int port, Map<String, String> secrets, Path logFile) {
        Path home = install(zip, installDirectory);
        Path java = javaHome.resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            throw new IllegalArgumentException("No Java runtime at " + javaHome + " (Keycloak needs Java 21 or newer)");
        }
        Path importDirectory = home.resolve("data").resolve("import");
        try {
            Files.createDirectories(importDirectory);
            Files.writeString(importDirectory.resolve(REALM + "-realm.json"), realmJson(secrets));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the realm for Keycloak to " + importDirectory, e);
        }
        ManagedProcess process = ManagedProcess.command(
                        "keycloak",
                        home.resolve("bin").resolve("kc.sh").toString(),
                        "start-dev",
                        "--http-port=" + port,
                        "--hostname=http://localhost:" + port,
                        "--db=dev-mem",
                        "--import-realm")
                .env("JAVA_HOME", javaHome.toString())
                .env("JAVA", java.toString())
                .env("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED")
                // Keycloak's default takes 70 % of the machine's memory; the local stack shares it with nine JVMs.
                .env("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m")
                .env("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER)
                .env("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD)
                .workingDirectory(home)
                .logFile(logFile)
                .start();
        return new KeycloakServer(process, port);
    }

    /** Waits until the realm answers its discovery document; fails with the log's tail if Keycloak exits first. */
    public KeycloakServer awaitReady(Duration timeout) {
        process.awaitHttpOk(issuer() + "/.well-known/openid-configuration", timeout);
        return this;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /**
     * Access tokens of a confidential client by the client-credentials grant, each fetched when the last one is
     * within 30 seconds of expiring (the E-AKTE simulator calls eakte-adapter with these, as E-AKTE would).
     */
    public Supplier<String> clientCredentials(String clientId, String secret) {
        HttpClient http = HttpClient.newHttpClient();
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return new Supplier<>() {
            private String token;
            private Instant renewAt = Instant.MIN;

            @Override
            public synchronized String get() {
                if (token == null || Instant.now().isAfter(renewAt)) {
                    try {
                        HttpResponse<String> response = http.send(
                                HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.ofString(form))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(
                                    "Keycloak refused a token for " + clientId + ": HTTP " + response.statusCode());
                        }
                        JsonNode body = JSON.readTree(response.body());
                        token = body.get("access_token").asText();
                        renewAt = Instant.now()
                                .plusSeconds(body.path("expires_in").asLong(60) - 30);
                    } catch (IOException e) {
                        throw new UncheckedIOException("No token from Keycloak for " + clientId, e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while fetching a token", e);
                    }
                }
                return token;
            }
        };
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop();
    }

    /**
     * The local realm with every placeholder replaced.
     *
     * @throws IllegalArgumentException if a placeholder has no value
     */
    public static String realmJson(Map<String, String> secrets) {
        String template = realmTemplate();
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder json = new StringBuilder();
        Set<String> missing = new TreeSet<>();
        while (matcher.find()) {
            String value = secrets.get(matcher.group(1));
            if (value == null) {
                missing.add(matcher.group(1));
                value = "";
            }
            matcher.appendReplacement(json, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(json);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("No value for the realm placeholders " + missing);
        }
        return json.toString();
    }

    /** The placeholders of the realm file (the client secrets it expects). */
    public static Set<String> placeholders() {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(realmTemplate());
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The realm file as shipped, placeholders and all. */
    public static String realmTemplate() {
        try (InputStream in = KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(REALM_RESOURCE + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Unpacks the distribution into {@code installDirectory} unless it is there already (its {@code bin/kc.sh}
     * exists). Unpacks next to it first and renames, so an interrupted unpack is never taken for a complete one.
     */
    public static Path install(Path zip, Path installDirectory) {
        Path kcSh = installDirectory.resolve("bin").resolve("kc.sh");
        if (Files.isRegularFile(kcSh)) {
            return installDirectory;
        }
        if (!Files.isRegularFile(zip)) {
            throw new IllegalArgumentException("No Keycloak distribution at " + zip);
        }
        Path partial = installDirectory.resolveSibling(installDirectory.getFileName() + ".partial");
        try {
            deleteRecursively(partial);
            deleteRecursively(installDirectory);
            Files.createDirectories(partial);
            unzipStrippingTopDirectory(zip, partial);
            if (!Files.isRegularFile(partial.resolve("bin").resolve("kc.sh"))) {
                deleteRecursively(partial);
                throw new IllegalStateException(zip + " holds no bin/kc.sh: not a Keycloak distribution");
            }
            try (Stream<Path> scripts = Files.list(partial.resolve("bin"))) {
                scripts.filter(p -> p.getFileName().toString().endsWith(".sh"))
                        .forEach(p -> p.toFile().setExecutable(true, false));
            }
            Files.move(partial, installDirectory, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot unpack " + zip + " to " + installDirectory + ": " + e.getMessage(), e);
        }
        return installDirectory;
    }

    private static void unzipStrippingTopDirectory(Path zip, Path target) throws IOException {
        Path root = target.normalize();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                Path out = root.resolve(name.substring(slash + 1)).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("Entry outside the target directory: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Placeholder values for tests: every placeholder mapped to {@code value}. */
    static Map<String, String> allPlaceholders(String value) {
        Map<String, String> values = new LinkedHashMap<>();
        placeholders().forEach(name -> values.put(name, value));
        return values;
    }
}
