package de.jobcenter.postfach.eakte;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP proxy in front of the E-AKTE simulator that can hold E-AKTE's answers: the request is forwarded (so
 * E-AKTE has filed the document) and the answer is kept back until {@link #release()}. That is the window in which
 * a crash of the adapter falls "after the target accepted, before the offset commit", made deterministic.
 */
final class HoldingProxy implements AutoCloseable {
    private static final List<String> FORWARDED_HEADERS = List.of("Content-Type", "Accept", "Idempotency-Key");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "holding-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String target;
    private final Map<String, AtomicInteger> requestsByKey = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private boolean holding;

    private HoldingProxy(String target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    static HoldingProxy start(String target) {
        try {
            return new HoldingProxy(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** From now on, answers are kept back after E-AKTE gave them. */
    void holdAnswers() {
        synchronized (lock) {
            holding = true;
        }
    }

    /** Answers flow again, including those kept back (to whoever still listens). */
    void release() {
        synchronized (lock) {
            holding = false;
            lock.notifyAll();
        }
    }

    /** How many requests with this Idempotency-Key reached E-AKTE through the proxy. */
    int requestsWith(String idempotencyKey) {
        AtomicInteger count = requestsByKey.get(idempotencyKey);
        return count == null ? 0 : count.get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String name : FORWARDED_HEADERS) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    request.header(name, value);
                }
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key != null) {
                requestsByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            waitWhileHolding();
            response.headers()
                    .firstValue("Content-Type")
                    .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
            exchange.sendResponseHeaders(
                    response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the adapter that asked was killed while its answer was held: nobody listens any more
        }
    }

    private void waitWhileHolding() throws InterruptedException {
        synchronized (lock) {
            while (holding) {
                lock.wait();
            }
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
