package de.jobcenter.postfach.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real SMTP and IMAP server (GreenMail) on free ports for a {@code @QuarkusTest}. Init arguments name the
 * configuration keys the service reads: {@code smtp-host-key}, {@code smtp-port-key}, {@code imap-host-key},
 * {@code imap-port-key} (each optional); extra {@code set:<key>} arguments are passed through as they are (for
 * example {@code set:postfach.outlook.smtp.start-tls=DISABLED}). Tests reach the server through {@link #greenMail()}.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {
    private static volatile GreenMail greenMail;
    private Map<String, String> initArgs = Map.of();

    /** The running server of the current test run. */
    public static GreenMail greenMail() {
        if (greenMail == null) {
            throw new IllegalStateException("GreenMailResource has not been started");
        }
        return greenMail;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        this.initArgs = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        int smtp = Ports.free();
        int imap = Ports.free();
        GreenMail server = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        server.start();
        greenMail = server;
        Map<String, String> config = new LinkedHashMap<>();
        put(config, "smtp-host-key", "127.0.0.1");
        put(config, "smtp-port-key", String.valueOf(smtp));
        put(config, "imap-host-key", "127.0.0.1");
        put(config, "imap-port-key", String.valueOf(imap));
        initArgs.forEach((k, v) -> {
            if (k.startsWith("set:")) {
                config.put(k.substring("set:".length()), v);
            }
        });
        return config;
    }

    private void put(Map<String, String> config, String arg, String value) {
        String key = initArgs.get(arg);
        if (key != null && !key.isBlank()) {
            config.put(key, value);
        }
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }
}
