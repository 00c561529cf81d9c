package de.jobcenter.postfach.mailbox.support;

import de.jobcenter.postfach.testing.PostgresDatabaseResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * A fresh database on the shared PostgreSQL server (as {@link PostgresDatabaseResource}), reached by the application
 * through a {@link TcpProxy}, so {@code DatabaseOutageTest} can take PostgreSQL away and bring it back. The proxy is
 * switched over HTTP ({@code POST <control-url>/stop|start}), which works whichever class loader the test runs in.
 */
public class ProxiedPostgresResource extends PostgresDatabaseResource {
    public static final String CONTROL_URL = "test.db-proxy.control-url";

    private TcpProxy proxy;
    private ControlServer control;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        String jdbcUrl = config.get(JDBC_URL);
        URI target = URI.create(jdbcUrl.substring("jdbc:".length()));
        proxy = new TcpProxy(target.getHost(), target.getPort());
        int port;
        try {
            port = proxy.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the database proxy", e);
        }
        config.put(JDBC_URL, jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/"));
        control = new ControlServer()
                .route("/stop", exchange -> {
                    proxy.stop();
                    ControlServer.answer(exchange, 200, "stopped");
                })
                .route("/start", exchange -> {
                    proxy.start();
                    ControlServer.answer(exchange, 200, "started");
                })
                .start();
        config.put(CONTROL_URL, control.baseUrl());
        return config;
    }

    @Override
    public void stop() {
        if (control != null) {
            control.stop();
        }
        if (proxy != null) {
            proxy.stop();
        }
        super.stop();
    }
}
