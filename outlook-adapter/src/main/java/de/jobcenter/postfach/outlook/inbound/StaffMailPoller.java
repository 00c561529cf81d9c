package de.jobcenter.postfach.outlook.inbound;

import de.jobcenter.postfach.kit.officeconfig.OfficeConfigReplica;
import de.jobcenter.postfach.kit.problem.SafeThrowables;
import de.jobcenter.postfach.outlook.config.OutlookConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads the service mailbox: in the one replica that holds the {@link PollerLock}, it handles every mail in the
 * inbox, oldest first, and then waits for new mail (IDLE, or the poll interval). A mail leaves the inbox only
 * after its message is on Kafka (processed folder) or its sender has been answered (review folder). When
 * anything fails — mailbox, database, Kafka, SMTP — the round stops at that mail, so later mails of the same
 * conversation do not overtake it, and the next round starts over after a backoff.
 */
@ApplicationScoped
public class StaffMailPoller {
    private static final Logger LOG = Logger.getLogger(StaffMailPoller.class);
    private static final Duration REPLICA_WAIT = Duration.ofMillis(500);

    @Inject
    OutlookConfig config;

    @Inject
    StaffMailService service;

    @Inject
    MeterRegistry meters;

    @Inject
    OfficeConfigReplica offices;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> dbPassword;

    private final AtomicInteger active = new AtomicInteger();
    private final Object sleepLock = new Object();
    private volatile boolean running;
    private volatile ImapMailbox current;
    private Thread worker;
    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent event) {
        Gauge.builder("postfach.outlook.poller.active", active, AtomicInteger::get)
                .description("1 while this replica holds the lock and reads the service mailbox")
                .register(meters);
        if (!config.imap().enabled()) {
            LOG.info("Reading the service mailbox is switched off (postfach.outlook.imap.enabled=false)");
            return;
        }
        running = true;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "staff-mail-idle-timer");
            t.setDaemon(true);
            return t;
        });
        worker = new Thread(this::run, "staff-mail-poller");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        synchronized (sleepLock) {
            sleepLock.notifyAll();
        }
        ImapMailbox mailbox = current;
        if (mailbox != null) {
            mailbox.wake();
        }
        if (worker != null) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void run() {
        OutlookConfig.Imap imap = config.imap();
        long backoff = imap.initialBackoff().toMillis();
        while (running) {
            try {
                if (!offices.isLoaded()) {
                    // Judging senders against a partly read configuration would refuse good mail.
                    sleep(REPLICA_WAIT);
                    continue;
                }
                Optional<PollerLock> lock = PollerLock.tryAcquire(jdbcUrl, dbUser, dbPassword);
                if (lock.isEmpty()) {
                    sleep(imap.lockRetry());
                    continue;
                }
                try (PollerLock held = lock.get()) {
                    LOG.info("This replica now reads the service mailbox");
                    active.set(1);
                    poll(held);
                    backoff = imap.initialBackoff().toMillis();
                } finally {
                    active.set(0);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Exception | Error e) {
                // Also an Error: this thread is the only reader of the mailbox and must not end quietly.
                if (!running) {
                    return;
                }
                meters.counter("postfach.outlook.poll.errors").increment();
                LOG.warnf(
                        "Reading the service mailbox failed; trying again in %d ms: %s",
                        backoff, SafeThrowables.describe(e));
                try {
                    sleep(Duration.ofMillis(backoff));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, imap.maxBackoff().toMillis());
            }
        }
    }

    /** Rounds while the lock is held; returns when it is lost, throws when a round fails. */
    private void poll(PollerLock lock) throws Exception {
        OutlookConfig.Imap imap = config.imap();
        String username = imap.username().orElse(config.serviceAddress());
        StaffMailReader reader = new StaffMailReader(imap.maxMailBytes(), config.serviceAddress());
        try (ImapMailbox mailbox =
                ImapMailbox.open(imap, username, imap.password().orElse(""))) {
            current = mailbox;
            LOG.infof("Service mailbox open; waiting for new mail with %s", mailbox.usesIdle() ? "IDLE" : "polling");
            while (running) {
                if (!lock.isHeld()) {
                    LOG.warn("Lost the poller lock (database session ended); stopping to read the service mailbox");
                    return;
                }
                if (handleWaiting(mailbox, reader, lock) == 0) {
                    mailbox.awaitNewMail(imap.pollInterval(), timer, this::sleep);
                }
            }
        } finally {
            current = null;
        }
    }

    /** Handles the mails in the inbox; returns how many (none: wait for new mail). */
    private int handleWaiting(ImapMailbox mailbox, StaffMailReader reader, PollerLock lock) throws Exception {
        List<MimeMessage> waiting = mailbox.waiting();
        int handled = 0;
        for (MimeMessage mail : waiting) {
            if (!running || !lock.isHeld()) {
                return handled;
            }
            StaffMail read = reader.read(mail);
            InboundMail.Outcome outcome = service.handle(read);
            if (outcome == InboundMail.Outcome.PUBLISHED) {
                mailbox.moveToProcessed(mail);
            } else {
                mailbox.moveToReview(mail);
            }
            handled++;
        }
        return handled;
    }

    private void sleep(Duration duration) throws InterruptedException {
        long until = System.nanoTime() + duration.toNanos();
        synchronized (sleepLock) {
            long left;
            while (running && (left = until - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(sleepLock, left);
            }
        }
    }

    /** Whether this replica currently holds the lock and reads the mailbox. */
    public boolean isActive() {
        return active.get() == 1;
    }
}
