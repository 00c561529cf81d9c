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

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(
            Actor actor, AuditAction action, String officeId, UUID changeId, Long version, Map<String, ?> details) {
        String json;
        try {
            json = EventJson.mapper().writeValueAsString(details == null ? Map.of() : details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details are not serialisable", e);
        }
        em.createNativeQuery("""
                        insert into audit_entry (occurred_at, actor_id, actor_name, action, office_id, change_id, version, details)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as jsonb))
                        """)
                .setParameter(1, clock.instant().truncatedTo(ChronoUnit.MICROS))
                .setParameter(2, actor.id())
                .setParameter(3, actor.name())
                .setParameter(4, action.name())
                .setParameter(5, officeId)
                .setParameter(6, changeId)
                .setParameter(7, version)
                .setParameter(8, json)
                .executeUpdate();
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
