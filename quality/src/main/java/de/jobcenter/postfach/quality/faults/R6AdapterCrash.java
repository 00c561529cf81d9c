package de.jobcenter.postfach.quality.faults;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.quality.harness.PostfachSystem;
import de.jobcenter.postfach.quality.harness.Service;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * R6: each adapter killed with SIGKILL after its target accepted a message but before the adapter learned it (so
 * before its status and offset commit): E-AKTE's answer held by a proxy, the VCC answering late, the SMTP server's
 * {@code 250} to the end of the data held by the proxy. After the restart the message is delivered again: E-AKTE and
 * the VCC must keep one copy (idempotency key); SMTP has one mail per Message-ID, the duplicates counted.
 */
final class R6AdapterCrash implements Scenario {
    private static final Duration WAIT = Duration.ofMinutes(3);

    @Override
    public String id() {
        return "R6";
    }

    @Override
    public String title() {
        return "kill -9 an adapter after the target accepted, before the commit";
    }

    @Override
    public void run(FaultsConfig config, ScenarioResult result, Supplier<PostfachSystem> shared) throws Exception {
        int n = config.r6Messages();
        result.size = n + " messages per adapter, one SIGKILL per adapter inside the window";
        PostfachSystem system = shared.get();
        Portal portal = new Portal(system);
        Targets targets = new Targets(system);
        long sent = 0;
        long accepted = 0;
        long delivered = 0;
        long duplicates = 0;
        long lost = 0;

        // E-AKTE: the proxy forwards the request (E-AKTE files it) and holds the answer.
        int eakteRequestsBefore = system.eakte().requestCount();
        system.eakteProxy().holdAnswers();
        Deliveries eakte = write(portal, "r6-eakte", Portal.EAKTE, n, config.canary());
        boolean inWindow = awaitTrue(
                () -> system.eakteProxy().heldAnswers() > 0
                        && Targets.tally(eakte.allIds(), targets.eakteDocuments())
                                        .delivered()
                                > 0,
                WAIT);
        system.kill(Service.EAKTE_ADAPTER);
        system.eakteProxy().release();
        system.start(Service.EAKTE_ADAPTER);
        boolean all = eakte.awaitDelivered(targets, WAIT);
        boolean statuses = eakte.awaitStatus(portal, "DELIVERED", Duration.ofMinutes(1));
        Targets.Tally t = eakte.tally(targets);
        int eakteRequests = system.eakte().requestCount() - eakteRequestsBefore;
        result.count("eakte-documents", t.delivered())
                .count("eakte-duplicates", t.duplicates())
                .count("eakte-requests", eakteRequests)
                .count("eakte-redeliveries-answered-409", Math.max(0, eakteRequests - t.delivered() - t.duplicates()));
        result.check(inWindow, "E-AKTE: the kill did not fall between acceptance and answer")
                .check(all && t.missing() == 0, "E-AKTE: " + t.missing() + " missing")
                .check(t.duplicates() == 0, "E-AKTE: " + t.duplicates() + " second documents")
                .check(statuses, "E-AKTE: not every status DELIVERED: " + eakte.statuses(portal));
        sent += eakte.sent;
        accepted += eakte.accepted();
        delivered += t.delivered();
        duplicates += t.duplicates();
        lost += t.missing();

        // VCC: tickets are stored at once and answered late.
        int vccRequestsBefore = system.vcc().ticketRequests();
        system.vcc().delayAnswersAfterStoring(Duration.ofSeconds(60));
        Deliveries vcc = write(portal, "r6-vcc", Portal.SERVICE_CENTER, n, config.canary());
        inWindow = awaitTrue(
                () -> Targets.tally(vcc.allIds(), targets.vccTickets()).delivered() > 0, WAIT);
        system.kill(Service.SERVICECENTER_ADAPTER);
        system.vcc().delayAnswersAfterStoring(Duration.ZERO);
        system.start(Service.SERVICECENTER_ADAPTER);
        all = vcc.awaitDelivered(targets, WAIT);
        statuses = vcc.awaitStatus(portal, "DELIVERED", Duration.ofMinutes(1));
        t = vcc.tally(targets);
        int vccRequests = system.vcc().ticketRequests() - vccRequestsBefore;
        result.count("vcc-tickets", t.delivered())
                .count("vcc-duplicates", t.duplicates())
                .count("vcc-requests", vccRequests);
        result.check(inWindow, "VCC: no ticket stored before the kill")
                .check(all && t.missing() == 0, "VCC: " + t.missing() + " missing")
                .check(t.duplicates() == 0, "VCC: " + t.duplicates() + " second tickets")
                .check(statuses, "VCC: not every status DELIVERED: " + vcc.statuses(portal));
        sent += vcc.sent;
        accepted += vcc.accepted();
        delivered += t.delivered();
        duplicates += t.duplicates();
        lost += t.missing();

        // SMTP: the server's answer to the end of the data is held.
        system.smtpProxy().holdAfterEndOfData(true);
        Deliveries smtp = write(portal, "r6-smtp", Portal.OUTLOOK, n, config.canary());
        inWindow = awaitTrue(
                () -> system.smtpProxy().heldConnections() > 0
                        && Targets.tally(smtp.allIds(), targets.officeMails()).delivered() > 0,
                WAIT);
        system.kill(Service.OUTLOOK_ADAPTER);
        system.smtpProxy().releaseHeld();
        system.start(Service.OUTLOOK_ADAPTER);
        all = smtp.awaitDelivered(targets, WAIT);
        statuses = smtp.awaitStatus(portal, "DELIVERED", Duration.ofMinutes(1));
        TopicWatcher.sleep(3000);
        t = smtp.tally(targets);
        result.count("smtp-message-ids", t.delivered()).count("smtp-duplicate-mails", t.duplicates());
        result.check(inWindow, "SMTP: no mail accepted and held before the kill")
                .check(all && t.missing() == 0, "SMTP: " + t.missing() + " Message-IDs missing")
                .check(statuses, "SMTP: not every status DELIVERED: " + smtp.statuses(portal));
        result.note("SMTP duplicates (same Message-ID, mailed again after the crash) are allowed by the bar and"
                + " counted: " + t.duplicates());
        sent += smtp.sent;
        accepted += smtp.accepted();
        delivered += t.delivered();
        lost += t.missing();

        result.count("sent", sent)
                .count("accepted", accepted)
                .count("delivered", delivered)
                .count("duplicates", duplicates + t.duplicates())
                .count("lost", lost)
                .count(
                        "dlq",
                        eakte.deadLetters(system.bootstrapServers()).records()
                                + vcc.deadLetters(system.bootstrapServers()).records()
                                + smtp.deadLetters(system.bootstrapServers()).records());
        result.note("duplicates in the main table: E-AKTE + VCC copies (must be 0) + SMTP duplicate mails (counted)");
    }

    private static Deliveries write(Portal portal, String prefix, Portal.Office office, int n, String canary) {
        Deliveries deliveries = new Deliveries();
        List<String> ids = deliveries.idsByChannel.computeIfAbsent(office.channel(), c -> new java.util.ArrayList<>());
        for (int i = 0; i < n; i++) {
            String customer = prefix + "-" + i;
            var answer = portal.write(
                    customer, office, "R6 " + canary + " Anfrage " + i, "Guten Tag, " + canary + " Anfrage " + i + ".");
            deliveries.sent++;
            if (answer.status() == 201) {
                String id = Portal.id(answer);
                ids.add(id);
                deliveries.customerOf.put(id, customer);
            } else {
                deliveries.refused++;
            }
        }
        for (Channel channel : Channel.values()) {
            deliveries.idsByChannel.computeIfAbsent(channel, c -> new java.util.ArrayList<>());
        }
        return deliveries;
    }

    private static boolean awaitTrue(Supplier<Boolean> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return true;
            }
            TopicWatcher.sleep(100);
        }
        return false;
    }
}
