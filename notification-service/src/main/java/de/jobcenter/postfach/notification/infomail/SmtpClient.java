package de.jobcenter.postfach.notification.infomail;

import de.jobcenter.postfach.notification.config.NotificationConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one mail through the Quarkus mailer and returns once the SMTP server has accepted it. The send runs on a
 * plain thread this class owns: called on the Kafka consumer's worker thread, the blocking mailer waits for a
 * Vert.x context that the consumer itself occupies, and never connects (see ADR-notes.md).
 */
@ApplicationScoped
public class SmtpClient {
    @Inject
    Mailer mailer;

    @Inject
    NotificationConfig config;

    private ExecutorService executor;

    @PostConstruct
    void init() {
        // Two threads: a send that ignores its cancellation cannot hold up the next one.
        executor = Executors.newFixedThreadPool(2, new SmtpThreads());
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    public void send(Mail mail) throws SendFailure {
        Future<?> sending;
        try {
            sending = executor.submit(() -> mailer.send(mail));
        } catch (RejectedExecutionException e) {
            throw SendFailure.transientFailure("the service is stopping");
        }
        try {
            sending.get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw SendFailure.of(e.getCause());
        } catch (TimeoutException e) {
            sending.cancel(true);
            throw SendFailure.transientFailure("no answer within " + config.sendTimeout());
        } catch (InterruptedException e) {
            sending.cancel(true);
            Thread.currentThread().interrupt();
            throw SendFailure.transientFailure("interrupted");
        }
    }

    private static final class SmtpThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "info-mail-smtp-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
