package de.jobcenter.postfach.config.version;

import de.jobcenter.postfach.config.rules.StoredConcernSetting;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class OfficeVersionRepository implements PanacheRepositoryBase<OfficeVersion, Long> {
    /** Rows per insert statement of {@link #insertAll}: at most 20 parameters each, far below PostgreSQL's limit. */
    private static final int ROWS_PER_STATEMENT = 500;

    public Optional<OfficeVersion> find(String officeId, long version) {
        return find("officeId = ?1 and version = ?2", officeId, version).firstResultOptional();
    }

    /** The office's versions, newest first. */
    public List<OfficeVersion> history(String officeId) {
        return list("officeId", Sort.descending("version"), officeId);
    }

    /** The active version of every office, in office order. */
    public List<OfficeVersion> activeVersions() {
        return list("from OfficeVersion v where v.version ="
                + " (select o.activeVersion from Office o where o.officeId = v.officeId) order by v.officeId");
    }

    /** The active version of each of these offices (one query, plus one for all their concerns). */
    public List<OfficeVersion> activeVersionsOf(Collection<String> officeIds) {
        return officeIds.isEmpty()
                ? List.of()
                : list(
                        "from OfficeVersion v where v.officeId in ?1 and v.version ="
                                + " (select o.activeVersion from Office o where o.officeId = v.officeId)"
                                + " order by v.officeId",
                        officeIds);
    }

    /**
     * Writes new versions with their concerns in a few multi-row statements (a rollout writes hundreds at once),
     * in the caller's transaction. The versions stay unmanaged: they are never changed, and readers load them anew.
     */
    public void insertAll(List<OfficeVersion> versions) {
        for (int from = 0; from < versions.size(); from += ROWS_PER_STATEMENT) {
            List<OfficeVersion> rows = versions.subList(from, Math.min(versions.size(), from + ROWS_PER_STATEMENT));
            insertVersions(rows);
            insertConcerns(rows);
        }
    }

    private void insertVersions(List<OfficeVersion> rows) {
        Query insert = getEntityManager()
                .createNativeQuery("insert into office_version (office_id, version, kind, activated_at, change_id,"
                        + " rollout_run_id, author_id, author_name, reviewer_id, reviewer_name, reviewed_at, name,"
                        + " type, go_live_on, suspended, service_center_id, service_center_ordered_on,"
                        + " fallback_channel, fallback_mailbox, review_required) values "
                        + placeholders(rows.size(), 20));
        int p = 0;
        for (OfficeVersion v : rows) {
            insert.setParameter(++p, v.officeId)
                    .setParameter(++p, v.version)
                    .setParameter(++p, v.kind.name())
                    .setParameter(++p, v.activatedAt)
                    .setParameter(++p, v.changeId)
                    .setParameter(++p, v.rolloutRunId)
                    .setParameter(++p, v.authorId)
                    .setParameter(++p, v.authorName)
                    .setParameter(++p, v.reviewerId)
                    .setParameter(++p, v.reviewerName)
                    .setParameter(++p, v.reviewedAt)
                    .setParameter(++p, v.name)
                    .setParameter(++p, v.type.name())
                    .setParameter(++p, v.goLiveOn)
                    .setParameter(++p, v.suspended)
                    .setParameter(++p, v.serviceCenterId)
                    .setParameter(++p, v.serviceCenterOrderedOn)
                    .setParameter(++p, v.fallbackChannel.name())
                    .setParameter(++p, v.fallbackMailbox)
                    .setParameter(++p, v.reviewRequired);
        }
        insert.executeUpdate();
    }

    private void insertConcerns(List<OfficeVersion> versions) {
        record Row(OfficeVersion version, StoredConcernSetting setting) {}
        List<Row> rows = new ArrayList<>();
        versions.forEach(v -> v.concerns.forEach(c -> rows.add(new Row(v, c))));
        for (int from = 0; from < rows.size(); from += 2 * ROWS_PER_STATEMENT) {
            List<Row> part = rows.subList(from, Math.min(rows.size(), from + 2 * ROWS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder("insert into office_version_concern (version_id, concern, offered,"
                    + " info_text, hint_text, channel, outlook_mailbox, payment_relevant) values ");
            for (int i = 0; i < part.size(); i++) {
                int p = i * 9;
                sql.append(i == 0 ? "" : ", ")
                        .append("((select id from office_version where office_id = ?%d and version = ?%d),"
                                .formatted(p + 1, p + 2))
                        .append(" ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d)"
                                .formatted(p + 3, p + 4, p + 5, p + 6, p + 7, p + 8, p + 9));
            }
            Query insert = getEntityManager().createNativeQuery(sql.toString());
            int p = 0;
            for (Row row : part) {
                StoredConcernSetting c = row.setting();
                insert.setParameter(++p, row.version().officeId)
                        .setParameter(++p, row.version().version)
                        .setParameter(++p, c.concern)
                        .setParameter(++p, c.offered)
                        .setParameter(++p, c.infoText)
                        .setParameter(++p, c.hintText)
                        .setParameter(++p, c.channel == null ? null : c.channel.name())
                        .setParameter(++p, c.outlookMailbox)
                        .setParameter(++p, c.paymentRelevant);
            }
            insert.executeUpdate();
        }
    }

    private static String placeholders(int rows, int columns) {
        StringBuilder sql = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int c = 1; c <= columns; c++) {
                sql.append(c == 1 ? "" : ", ").append('?').append(r * columns + c);
            }
            sql.append(')');
        }
        return sql.toString();
    }
}
