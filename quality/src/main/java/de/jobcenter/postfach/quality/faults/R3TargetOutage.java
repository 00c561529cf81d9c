package de.jobcenter.postfach.quality.faults;

import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.quality.harness.PostfachSystem;
import de.jobcenter.postfach.quality.harness.Service;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * R3: E-AKTE, the VCC and the SMTP server down together for the outage. Run 1 with the default retry budget (24 h):
 * every message delivered once after recovery. Run 2 with a short budget: every message dead-lettered and FAILED,
 * not delivered; the documented replay command then delivers each once and the status becomes DELIVERED.
 */
final class R3TargetOutage implements Scenario {
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(4);

    @Override
    public String id() {
        return "R3";
    }

    @Override
    public String title() {
        return "E-AKTE, VCC and SMTP down together (retry budget, then DLQ + replay)";
    }

    @Override
    public void run(FaultsConfig config, ScenarioResult result, Supplier<PostfachSystem> shared) throws Exception {
        int n = config.r3Messages();
        result.size = n + " messages per target and run, outage " + Report.seconds(config.r3Outage())
                + " per run, run 2 budget " + Report.seconds(config.r3Budget());
        PostfachSystem system = shared.get();
        {
            Portal portal = new Portal(system);
            Targets targets = new Targets(system);

            // Run 1: budget longer than the outage.
            long down = System.nanoTime();
            targetsAvailable(system, false);
            Deliveries run1 = Deliveries.write(portal, "r3-run1", n, config.canary());
            sleepUntil(down + config.r3Outage().toNanos());
            Targets.Tally duringOutage1 = run1.tally(targets);
            Map<String, Long> statusesInOutage1 = run1.statuses(portal);
            targetsAvailable(system, true);
            long up = System.nanoTime();
            boolean delivered1 = run1.awaitDelivered(targets, RECOVERY_TIMEOUT);
            Duration recovery1 = Duration.ofNanos(System.nanoTime() - up);
            boolean statuses1 = run1.awaitStatus(portal, "DELIVERED", Duration.ofMinutes(1));
            TopicWatcher.sleep(5000);
            Targets.Tally tally1 = run1.tally(targets);
            Deliveries.DeadLetters dlq1 = run1.deadLetters(system.bootstrapServers());
            result.extra("run1-statuses-during-outage", statusesInOutage1)
                    .extra("run1-statuses-after", run1.statuses(portal))
                    .extra("run1-delivered-by-target", run1.deliveredByChannel(targets))
                    .count("run1-sent", run1.sent)
                    .count("run1-accepted", run1.accepted())
                    .count("run1-delivered-during-outage", duringOutage1.delivered())
                    .count("run1-delivered", tally1.delivered())
                    .count("run1-duplicates", tally1.duplicates())
                    .count("run1-lost", tally1.missing())
                    .count("run1-dlq", dlq1.records())
                    .duration("run1 targets back → all delivered", recovery1);
            result.check(run1.refused == 0, "run 1: " + run1.refused + " writes refused")
                    .check(duringOutage1.delivered() == 0, "run 1: delivered while the targets were down?")
                    .check(delivered1 && tally1.missing() == 0, "run 1: " + tally1.missing() + " not delivered")
                    .check(tally1.duplicates() == 0, "run 1: " + tally1.duplicates() + " duplicates at the targets")
                    .check(dlq1.records() == 0, "run 1: " + dlq1.records() + " dead letters")
                    .check(statuses1, "run 1: not every status DELIVERED: " + run1.statuses(portal));

            // Run 2: a budget shorter than the outage.
            for (Service adapter : ADAPTERS) {
                system.setProperty(
                        adapter, budgetProperty(adapter), config.r3Budget().toSeconds() + "s");
                system.restart(adapter);
            }
            down = System.nanoTime();
            targetsAvailable(system, false);
            Deliveries run2 = Deliveries.write(portal, "r3-run2", n, config.canary());
            long written = System.nanoTime();
            boolean failed2 = run2.awaitStatus(
                    portal,
                    "FAILED",
                    Duration.ofNanos(Math.max(0, down + config.r3Outage().toNanos() - written)));
            Duration toFailed = Duration.ofNanos(System.nanoTime() - written);
            sleepUntil(down + config.r3Outage().toNanos());
            Deliveries.DeadLetters dlq2 = run2.deadLetters(system.bootstrapServers());
            Map<String, Long> statusesInOutage2 = run2.statuses(portal);
            targetsAvailable(system, true);
            TopicWatcher.sleep(10_000);
            Targets.Tally beforeReplay = run2.tally(targets);
            long replayStart = System.nanoTime();
            StringBuilder replayed = new StringBuilder();
            for (var replay : List.of(
                    Map.entry(Service.EAKTE_ADAPTER, Topics.ROUTED_EAKTE),
                    Map.entry(Service.OUTLOOK_ADAPTER, Topics.ROUTED_OUTLOOK),
                    Map.entry(Service.SERVICECENTER_ADAPTER, Topics.ROUTED_SERVICECENTER))) {
                String output = system.replayDeadLetters(replay.getKey(), Topics.dlq(replay.getValue()));
                String[] lines = output.strip().split("\\R");
                replayed.append(lines[lines.length - 1]).append("; ");
            }
            boolean delivered2 = run2.awaitDelivered(targets, RECOVERY_TIMEOUT);
            Duration replayToDelivered = Duration.ofNanos(System.nanoTime() - replayStart);
            boolean statuses2 = run2.awaitStatus(portal, "DELIVERED", Duration.ofMinutes(1));
            TopicWatcher.sleep(5000);
            Targets.Tally tally2 = run2.tally(targets);
            result.extra("run2-statuses-during-outage", statusesInOutage2)
                    .extra("run2-statuses-after-replay", run2.statuses(portal))
                    .extra("run2-replay", replayed.toString().trim())
                    .count("run2-sent", run2.sent)
                    .count("run2-accepted", run2.accepted())
                    .count("run2-dlq", dlq2.records())
                    .count("run2-dlq-distinct", dlq2.distinct())
                    .count("run2-dlq-without-reason", dlq2.withoutReason())
                    .count("run2-delivered-before-replay", beforeReplay.delivered())
                    .count("run2-delivered", tally2.delivered())
                    .count("run2-duplicates", tally2.duplicates())
                    .count("run2-lost", tally2.missing())
                    .duration("run2 written → all FAILED", toFailed)
                    .duration("run2 replay → all delivered", replayToDelivered);
            result.check(run2.refused == 0, "run 2: " + run2.refused + " writes refused")
                    .check(failed2, "run 2: not every status FAILED within the outage: " + statusesInOutage2)
                    .check(
                            dlq2.distinct() == run2.accepted(),
                            "run 2: " + dlq2.distinct() + " of " + run2.accepted() + " dead-lettered")
                    .check(dlq2.withoutReason() == 0, "run 2: dead letters without dead-letter-reason header")
                    .check(
                            beforeReplay.delivered() == 0,
                            "run 2: " + beforeReplay.delivered() + " delivered without replay")
                    .check(
                            delivered2 && tally2.missing() == 0,
                            "run 2: " + tally2.missing() + " not delivered after" + " replay")
                    .check(tally2.duplicates() == 0, "run 2: " + tally2.duplicates() + " duplicates at the targets")
                    .check(statuses2, "run 2: not every status DELIVERED after replay: " + run2.statuses(portal));

            result.count("sent", run1.sent + run2.sent)
                    .count("accepted", run1.accepted() + run2.accepted())
                    .count("delivered", tally1.delivered() + tally2.delivered())
                    .count("duplicates", tally1.duplicates() + tally2.duplicates())
                    .count("lost", tally1.missing() + tally2.missing())
                    .count("dlq", dlq1.records() + dlq2.records());
            result.note("delivered = distinct message ids at E-AKTE (documents), VCC (tickets) and GreenMail (office"
                    + " mails by Message-ID); status as the customer sees it via GET /messages/{id}");
            // The adapters keep the short budget: R3 is the last scenario on the shared system.
        }
    }

    private static final List<Service> ADAPTERS =
            List.of(Service.EAKTE_ADAPTER, Service.OUTLOOK_ADAPTER, Service.SERVICECENTER_ADAPTER);

    private static String budgetProperty(Service adapter) {
        String prefix = switch (adapter) {
            case EAKTE_ADAPTER -> "postfach.eakte";
            case OUTLOOK_ADAPTER -> "postfach.outlook";
            default -> "postfach.vcc";
        };
        return prefix + ".delivery.max-age";
    }

    static void targetsAvailable(PostfachSystem system, boolean available) {
        system.eakte().setAvailable(available);
        system.vcc().setAvailable(available);
        system.smtpProxy().setAvailable(available);
    }

    private static void sleepUntil(long nanoTime) {
        long left = (nanoTime - System.nanoTime()) / 1_000_000;
        if (left > 0) {
            TopicWatcher.sleep(left);
        }
    }
}
