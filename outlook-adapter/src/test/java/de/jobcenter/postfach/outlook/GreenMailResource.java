package de.jobcenter.postfach.outlook;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.jobcenter.postfach.testing.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real SMTP and IMAP server (GreenMail) on free ports, with the adapter's mailer pointed at it. */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {
    static GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        int smtp = Ports.free();
        int imap = Ports.free();
        greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        greenMail.start();
        return Map.of(
                "postfach.outlook.smtp.host", "127.0.0.1",
                "postfach.outlook.smtp.port", String.valueOf(smtp),
                "postfach.outlook.smtp.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
