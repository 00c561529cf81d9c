package de.jobcenter.postfach.quality.harness;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.jobcenter.postfach.testing.ManagedProcess;
import de.jobcenter.postfach.testing.Ports;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Where outlook-adapter, servicecenter-adapter and notification-service find their infrastructure, and the mail
 * servers they use: one place for the fault harness ({@link PostfachSystem}) and the benchmark, so both start these
 * services the same way. Secrets are passed in (made per run with {@link #randomHex} and {@link #replyTokenKey}) and
 * go to the environment, never to the command line.
 */
public final class ServiceSettings {

    private ServiceSettings() {}

    /**
     * GreenMail with SMTP and IMAP on free loopback ports; the service's reply mailbox ({@link
     * PostfachSystem#REPLY_MAILBOX}) exists with {@code imapPassword}. Every other address receives mail as it comes.
     */
    public static GreenMail startMailServers(String imapPassword) {
        GreenMail mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        mail.start();
        mail.setUser(PostfachSystem.REPLY_MAILBOX, PostfachSystem.REPLY_MAILBOX, imapPassword);
        return mail;
    }

    /** outlook-adapter: plain SMTP out on {@code smtpPort}, IMAP in from the reply mailbox on {@code imapPort}. */
    public static void outlookAdapter(
            ManagedProcess.Builder builder, int smtpPort, int imapPort, String imapPassword, String replyTokenKey) {
        builder.systemProperty("postfach.outlook.smtp.host", "localhost")
                .systemProperty("postfach.outlook.smtp.port", String.valueOf(smtpPort))
                .systemProperty("postfach.outlook.smtp.start-tls", "DISABLED")
                .systemProperty("postfach.outlook.imap.host", "localhost")
                .systemProperty("postfach.outlook.imap.port", String.valueOf(imapPort))
                .systemProperty("postfach.outlook.imap.security", "NONE")
                .systemProperty("postfach.outlook.imap.username", PostfachSystem.REPLY_MAILBOX)
                .env("POSTFACH_OUTLOOK_REPLY_TOKEN_KEY", replyTokenKey)
                .env("POSTFACH_OUTLOOK_IMAP_PASSWORD", imapPassword);
    }

    /** servicecenter-adapter: the VCC at {@code vccUrl}, service center SC-KOELN, requests signed with the secret. */
    public static void servicecenterAdapter(ManagedProcess.Builder builder, String vccUrl, String vccSecret) {
        builder.systemProperty("quarkus.rest-client.vcc.url", vccUrl)
                .systemProperty("postfach.vcc.service-center-id", "SC-KOELN")
                .env("POSTFACH_VCC_HMAC_SECRET", vccSecret);
    }

    /** notification-service: info e-mails by plain SMTP to {@code smtpPort}. */
    public static void notificationService(ManagedProcess.Builder builder, int smtpPort) {
        builder.systemProperty("quarkus.mailer.host", "localhost")
                .systemProperty("quarkus.mailer.port", String.valueOf(smtpPort))
                .systemProperty("quarkus.mailer.start-tls", "DISABLED");
    }

    /** The JDBC settings of a service's own database. */
    public static void database(ManagedProcess.Builder builder, Database db) {
        builder.systemProperty("quarkus.datasource.jdbc.url", db.jdbcUrl())
                .systemProperty("quarkus.datasource.username", db.username())
                .systemProperty("quarkus.datasource.password", db.password());
    }

    /** outlook-adapter's HMAC key for the reply token in mail subjects: 32 random bytes, Base64. */
    public static String replyTokenKey() {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(randomHex(32)));
    }

    /** {@code bytes} random bytes as hex: passwords and secrets of one run. */
    public static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
