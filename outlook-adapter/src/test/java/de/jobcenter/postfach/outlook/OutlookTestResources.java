package de.jobcenter.postfach.outlook;

import de.jobcenter.postfach.outlook.support.SmtpFaultProxy;
import de.jobcenter.postfach.outlook.support.TestOffices;
import de.jobcenter.postfach.testing.GreenMailResource;
import de.jobcenter.postfach.testing.KafkaBroker;
import de.jobcenter.postfach.testing.KafkaBrokerResource;
import de.jobcenter.postfach.testing.PostgresDatabaseResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one set of test resources of every {@code @QuarkusTest} here (one Quarkus start for the module): the JVM's
 * real Kafka broker with the test offices published (as config-service would have), a fresh PostgreSQL database,
 * GreenMail (real SMTP and IMAP) with the service mailbox as an account, and the {@link SmtpFaultProxy} between the
 * adapter and GreenMail's SMTP port. The secrets (reply-token key, IMAP password) are made up per run. Deliveries
 * get a short retry budget (below), the same for every test class.
 */
public class OutlookTestResources implements QuarkusTestResourceLifecycleManager {
    public static final String SERVICE_ADDRESS = "postfach@jobcenter-ge.de";
    private static volatile SmtpFaultProxy smtpProxy;
    private static volatile String imapPassword;

    private final KafkaBrokerResource kafka = new KafkaBrokerResource();
    private final PostgresDatabaseResource database = new PostgresDatabaseResource();
    private final GreenMailResource greenMail = new GreenMailResource();

    /** Between the adapter and GreenMail's SMTP port: can take the server away and refuse recipients. */
    public static SmtpFaultProxy smtpProxy() {
        return smtpProxy;
    }

    /** The service mailbox's IMAP password of this run. */
    public static String imapPassword() {
        return imapPassword;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>(kafka.start());
        TestOffices.publishAll(KafkaBroker.shared().bootstrapServers());

        database.init(Map.of(PostgresDatabaseResource.PREFIX_ARG, "outlook"));
        config.putAll(database.start());

        greenMail.init(Map.of(
                "imap-host-key", "postfach.outlook.imap.host",
                "imap-port-key", "postfach.outlook.imap.port"));
        config.putAll(greenMail.start());
        imapPassword = secret(18);
        GreenMailResource.greenMail().setUser(SERVICE_ADDRESS, SERVICE_ADDRESS, imapPassword);
        smtpProxy = SmtpFaultProxy.start(GreenMailResource.greenMail().getSmtp().getPort());

        config.put("postfach.outlook.service-address", SERVICE_ADDRESS);
        config.put("postfach.outlook.reply-token.key", secret(32));
        config.put("postfach.outlook.smtp.host", "127.0.0.1");
        config.put("postfach.outlook.smtp.port", String.valueOf(smtpProxy.port()));
        config.put("postfach.outlook.smtp.start-tls", "DISABLED");
        config.put("postfach.outlook.smtp.timeout", "3s");
        // Short, so a test sees an idle connection closed; still far longer than the gaps between mails in a burst.
        config.put("postfach.outlook.smtp.idle-timeout", "3s");
        config.put("postfach.outlook.imap.security", "NONE");
        config.put("postfach.outlook.imap.password", imapPassword);
        config.put("postfach.outlook.imap.poll-interval", "2s");
        config.put("postfach.outlook.imap.lock-retry", "1s");
        config.put("postfach.outlook.imap.initial-backoff", "200ms");
        config.put("postfach.outlook.imap.max-backoff", "2s");
        // A short retry budget, so a message past it is FAILED and dead-lettered within seconds: four failed attempts,
        // at about 0 s, 2 s, 6 s and 10 s. A shorter outage (SMTP back within 10 s) is still bridged. Four stays under
        // the circuit breaker's threshold (five), so one message's budget never opens it.
        config.put("postfach.outlook.delivery.initial-backoff", "2s");
        config.put("postfach.outlook.delivery.max-backoff", "4s");
        config.put("postfach.outlook.delivery.max-attempts", "4");
        config.put("postfach.outlook.delivery.max-age", "2m");
        config.put("postfach.outlook.delivery.circuit.failure-threshold", "5");
        config.put("postfach.outlook.delivery.circuit.open-duration", "30s");
        return config;
    }

    private static String secret(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    @Override
    public void stop() {
        if (smtpProxy != null) {
            smtpProxy.close();
            smtpProxy = null;
        }
        greenMail.stop();
        database.stop();
        kafka.stop();
    }
}
