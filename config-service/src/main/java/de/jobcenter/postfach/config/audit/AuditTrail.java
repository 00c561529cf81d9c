package de.jobcenter.postfach.config.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import de.jobcenter.postfach.config.access.Actor;
import de.jobcenter.postfach.contracts.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The append-only audit trail. Entries are written in the transaction of what they record, so an entry exists if and
 * only if the action happened. The database refuses UPDATE, DELETE and TRUNCATE on the table; the service offers no
 * way to change an entry. Details never hold free text (info, hint or rejection texts).
 */
@ApplicationScoped
public class AuditTrail {
    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Rows per statement of {@link #recordAll}: 8 parameters each, well below PostgreSQL's 65 535. */
    private static final int ROWS_PER_STATEMENT = 500;

    /** An entry to be written: what {@link #record} takes, for writing many at once. */
    public record NewEntry(
            Actor actor, AuditAction action, String officeId, UUID changeId, Long version, Map<String, ?> details) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(
            Actor actor, AuditAction action, String officeId, UUID changeId, Long version, Map<String, ?> details) {
        recordAll(List.of(new NewEntry(actor, action, officeId, changeId, version, details)));
    }

    /**
     * Writes many entries with few statements (a rollout writes one per office), in the caller's transaction and in
     * the order given.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<NewEntry> entries) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (int from = 0; from < entries.size(); from += ROWS_PER_STATEMENT) {
            List<NewEntry> rows = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder("insert into audit_entry"
                    + " (occurred_at, actor_id, actor_name, action, office_id, change_id, version, details) values ");
            for (int i = 0; i < rows.size(); i++) {
                int p = i * 8;
                sql.append(i == 0 ? "" : ", ")
                        .append("(?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, cast(?%d as jsonb))"
                                .formatted(p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, p + 7, p + 8));
            }
            var insert = em.createNativeQuery(sql.toString());
            for (int i = 0; i < rows.size(); i++) {
                NewEntry entry = rows.get(i);
                int p = i * 8;
                insert.setParameter(p + 1, now)
                        .setParameter(p + 2, entry.actor().id())
                        .setParameter(p + 3, entry.actor().name())
                        .setParameter(p + 4, entry.action().name())
                        .setParameter(p + 5, entry.officeId())
                        .setParameter(p + 6, entry.changeId())
                        .setParameter(p + 7, entry.version())
                        .setParameter(p + 8, detailsJson(entry.details()));
            }
            insert.executeUpdate();
        }
    }

    private static String detailsJson(Map<String, ?> details) {
        try {
            return EventJson.mapper().writeValueAsString(details == null ? Map.of() : details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details are not serialisable", e);
        }
    }

    /**
     * Records a login the first time a token (or session) is seen.
     *
     * @return whether this call recorded it
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean recordLogin(String tokenId, Actor actor) {
        int inserted = em.createNativeQuery("""
                        insert into staff_login (token_id, subject, first_seen_at) values (?1, ?2, ?3)
                        on conflict (token_id) do nothing
                        """)
                .setParameter(1, tokenId)
                .setParameter(2, actor.id())
                .setParameter(3, clock.instant().truncatedTo(ChronoUnit.MICROS))
                .executeUpdate();
        if (inserted == 1) {
            record(actor, AuditAction.LOGIN, null, null, null, Map.of());
        }
        return inserted == 1;
    }

    /** Forgets the token ids of logins older than {@code before} (tokens that have long expired). */
    @Transactional
    public int forgetLoginsBefore(Instant before) {
        return em.createNativeQuery("delete from staff_login where first_seen_at < ?1")
                .setParameter(1, before)
                .executeUpdate();
    }

    /** Entries, newest first; only those of one office when {@code officeId} is given. */
    @SuppressWarnings("unchecked")
    public List<AuditEntry> entries(String officeId, int page, int size) {
        String where = officeId == null ? "" : "where office_id = ?3 ";
        var query = em.createNativeQuery("select id, occurred_at, actor_id, actor_name, action, office_id, change_id,"
                        + " version, cast(details as text) from audit_entry " + where
                        + "order by id desc limit ?1 offset ?2")
                .setParameter(1, size)
                .setParameter(2, (long) page * size);
        if (officeId != null) {
            query.setParameter(3, officeId);
        }
        List<Object[]> rows = query.getResultList();
        List<AuditEntry> entries = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            entries.add(new AuditEntry(
                    ((Number) row[0]).longValue(),
                    instant(row[1]),
                    (String) row[2],
                    (String) row[3],
                    AuditAction.valueOf((String) row[4]),
                    (String) row[5],
                    row[6] == null ? null : UUID.fromString(row[6].toString()),
                    row[7] == null ? null : ((Number) row[7]).longValue(),
                    json((String) row[8])));
        }
        return entries;
    }

    public long count(String officeId) {
        String sql = officeId == null
                ? "select count(*) from audit_entry"
                : "select count(*) from audit_entry where office_id = ?1";
        var query = em.createNativeQuery(sql);
        if (officeId != null) {
            query.setParameter(1, officeId);
        }
        return ((Number) query.getSingleResult()).longValue();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException(
                "unexpected timestamp type " + value.getClass().getName());
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details are not JSON", e);
        }
    }
}
