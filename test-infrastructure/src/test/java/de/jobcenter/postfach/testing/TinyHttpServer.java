package de.jobcenter.postfach.testing;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A child process for {@link ManagedProcessTest}: answers 200 on its port until stopped. */
public final class TinyHttpServer {

    private TinyHttpServer() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("fail")) {
            System.out.println("cannot start: port configuration broken");
            System.exit(3);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(args[0])), 0);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            System.out.println("stopped gracefully");
        }));
        server.start();
        System.out.println("listening on " + args[0]);
    }
}
