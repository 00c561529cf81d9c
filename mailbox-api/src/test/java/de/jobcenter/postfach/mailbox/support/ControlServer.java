package de.jobcenter.postfach.mailbox.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** A small real HTTP server on a free loopback port, for the test resources' endpoints. */
final class ControlServer {
    private final HttpServer server;

    ControlServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a test HTTP server", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "test-control-http");
            thread.setDaemon(true);
            return thread;
        }));
    }

    ControlServer route(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    ControlServer start() {
        server.start();
        return this;
    }

    void stop() {
        server.stop(0);
    }

    String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    static void answer(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    static void answer(HttpExchange exchange, int status, String text) throws IOException {
        answer(exchange, status, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }
}
