package de.jobcenter.postfach.quality.bench;

import de.jobcenter.postfach.contracts.CloudEventHeaders;
import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.EventJson;
import de.jobcenter.postfach.contracts.Topics;
import de.jobcenter.postfach.testing.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * P2's baseline: a plain JDBC insert+commit of the rows mailbox-api writes for {@code POST /messages} — the
 * conversation, the message and the outbox row with the serialised {@code CustomerMessageSubmitted} and its
 * CloudEvents headers — in one transaction, against a database with mailbox-api's own schema (its Flyway scripts),
 * with the same pool size as mailbox-api ({@code quarkus.datasource.jdbc.max-size=16}).
 */
final class JdbcBaseline implements AutoCloseable {

    private final PostgresServer.Database database;
    private final BlockingQueue<Connection> pool;
    private final List<Connection> all = new ArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final String body;

    JdbcBaseline(Path repositoryRoot, int poolSize, String body) throws Exception {
        this.body = body;
        database = PostgresServer.shared().createDatabase("bench_jdbc");
        try (Connection c = database.connect();
                Statement s = c.createStatement();
                Stream<Path> scripts =
                        Files.list(repositoryRoot.resolve("mailbox-api/src/main/resources/db/migration"))) {
            for (Path script : scripts.sorted().toList()) {
                s.execute(Files.readString(script, StandardCharsets.UTF_8));
            }
        }
        pool = new ArrayBlockingQueue<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            Connection c = database.connect();
            c.setAutoCommit(false);
            all.add(c);
            pool.add(c);
        }
    }

    /** One write as mailbox-api does it: three rows, one commit. */
    boolean write() throws Exception {
        Connection c = pool.take();
        try {
            insert(c, sequence.incrementAndGet());
            c.commit();
            return true;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            pool.add(c);
        }
    }

    private void insert(Connection c, int n) throws SQLException {
        UUID messageId = UUID.randomUUID();
        UUID conversationId = UUID.randomUUID();
        String customerId = "bench-jdbc-customer-" + (n % 100);
        Instant now = Instant.now();
        Timestamp at = Timestamp.from(now);
        CustomerMessageSubmitted event = new CustomerMessageSubmitted(
                messageId,
                conversationId,
                null,
                customerId,
                null,
                "JC-HAMBURG-NORD",
                "RENT_AND_HEATING",
                "bench-jdbc-" + n,
                body,
                false,
                null,
                now);
        String headers;
        try {
            headers = EventJson.mapper().writeValueAsString(CloudEventHeaders.forEvent(event, "mailbox-api", now));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        try (PreparedStatement conv = c.prepareStatement(
                "insert into conversation (conversation_id, customer_id, office_id, concern, started_at)"
                        + " values (?, ?, ?, ?, ?)")) {
            conv.setObject(1, conversationId);
            conv.setString(2, customerId);
            conv.setString(3, event.officeId());
            conv.setString(4, event.concern());
            conv.setTimestamp(5, at);
            conv.executeUpdate();
        }
        try (PreparedStatement msg = c.prepareStatement("insert into mailbox_message (message_id, conversation_id,"
                + " customer_id, direction, office_id, concern, subject, body, in_reply_to, payment_relevant, status,"
                + " created_at) values (?, ?, ?, 'SENT', ?, ?, ?, ?, null, false, 'SUBMITTED', ?)")) {
            msg.setObject(1, messageId);
            msg.setObject(2, conversationId);
            msg.setString(3, customerId);
            msg.setString(4, event.officeId());
            msg.setString(5, event.concern());
            msg.setString(6, event.subject());
            msg.setString(7, event.body());
            msg.setTimestamp(8, at);
            msg.executeUpdate();
        }
        try (PreparedStatement outbox = c.prepareStatement("insert into outbox_event (topic, event_key, event_type,"
                + " headers, payload) values (?, ?, ?, cast(? as jsonb), ?)")) {
            outbox.setString(1, Topics.CUSTOMER_MESSAGES);
            outbox.setString(2, event.partitionKey());
            outbox.setString(3, event.eventType().type());
            outbox.setString(4, headers);
            outbox.setBytes(5, EventJson.write(event));
            outbox.executeUpdate();
        }
    }

    /** Saturation: {@code callers} threads writing back to back. */
    Load.Outcome saturate(int callers, Duration duration) throws InterruptedException {
        return Load.closed(callers, duration, this::write);
    }

    /** Open model at {@code rate}: each write handed to a worker of the pool's size; latency from intended time. */
    Load.Outcome atRate(double rate, Duration duration) {
        ExecutorService workers = Executors.newFixedThreadPool(all.size());
        try {
            return Load.open(
                    rate,
                    (int) Math.ceil(rate * duration.toSeconds()),
                    duration,
                    Duration.ofSeconds(30),
                    (i, at) -> CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return write();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            },
                            workers));
        } finally {
            workers.shutdownNow();
        }
    }

    @Override
    public void close() {
        for (Connection c : all) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        database.drop();
    }
}
