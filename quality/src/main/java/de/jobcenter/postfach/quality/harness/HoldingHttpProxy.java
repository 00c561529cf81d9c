package de.jobcenter.postfach.quality.harness;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP forwarder in front of a target simulator (E-AKTE in a run) that can keep the target's answers back: the
 * request is forwarded, so the target has stored it, and the answer waits until {@link #release()}. A crash of the
 * adapter in that window falls "after the target accepted, before the offset commit", deterministically.
 */
public final class HoldingHttpProxy implements AutoCloseable {
    private static final List<String> FORWARDED_HEADERS =
            List.of("Content-Type", "Accept", "Idempotency-Key", "Authorization");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "holding-http-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String target;
    private final AtomicInteger heldAnswers = new AtomicInteger();
    private final Object lock = new Object();
    private boolean holding;

    private HoldingHttpProxy(String target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    /** Forwards every request to {@code target} (a base URL such as {@code http://localhost:1234}). */
    public static HoldingHttpProxy start(String target) {
        try {
            return new HoldingHttpProxy(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** From now on, answers are kept back after the target gave them. */
    public void holdAnswers() {
        synchronized (lock) {
            holding = true;
        }
    }

    /** Answers flow again, including those kept back (to whoever still listens). */
    public void release() {
        synchronized (lock) {
            holding = false;
            lock.notifyAll();
        }
    }

    /** Answers the target gave that are being kept back now. */
    public int heldAnswers() {
        return heldAnswers.get();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
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
            for (String header : FORWARDED_HEADERS) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            awaitRelease();
            answer.headers()
                    .firstValue("Content-Type")
                    .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
            byte[] bytes = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitRelease() throws InterruptedException {
        synchronized (lock) {
            if (!holding) {
                return;
            }
            heldAnswers.incrementAndGet();
            try {
                while (holding) {
                    lock.wait();
                }
            } finally {
                heldAnswers.decrementAndGet();
            }
        }
    }
}
