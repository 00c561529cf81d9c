package de.jobcenter.postfach.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for an adapter's inbound endpoint over real HTTP: records every request a simulator sends it and
 * answers as told (by default 202 with a new {@code messageId}, as the adapters accept a staff message).
 */
final class AdapterStandIn implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String method, String path, Headers headers, String body) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 202;
    private volatile String answer;

    private AdapterStandIn(HttpServer server) {
        this.server = server;
    }

    static AdapterStandIn start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AdapterStandIn standIn = new AdapterStandIn(server);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                standIn.received.add(new Received(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders(),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            String body = standIn.answer != null ? standIn.answer : "{\"messageId\":\"" + UUID.randomUUID() + "\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .set("Content-Type", standIn.status < 300 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(standIn.status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return standIn;
    }

    String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** From now on answers {@code status} with {@code body}; null answers 202 with a new message id. */
    void answerWith(int status, String body) {
        this.status = status;
        this.answer = body;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Forgets what arrived and answers 202 again. */
    void reset() {
        received.clear();
        answerWith(202, null);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
