package cn.partybuilding.notification.security;

import cn.partybuilding.notification.delivery.Channel;
import cn.partybuilding.notification.delivery.Delivery;
import cn.partybuilding.notification.notice.Notice;
import cn.partybuilding.notification.notice.NoticeType;
import cn.partybuilding.notification.notice.RecipientKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the security tests need in the database, written directly (the intake is not their subject): issued notices
 * addressed to a unit's secretary, a member or the committee, and a delivery that gave up. Also the row counts of every
 * table of the service and the audit trail, to see that a refused request wrote nothing but its audit record.
 */
@ApplicationScoped
public class SecurityFixtures {
    private static final AtomicInteger NUMBER = new AtomicInteger(9000);

    @Inject
    DataSource dataSource;

    /** An issued, unsigned notice of {@code unitCode} to {@code recipientId}; its id. */
    public String notice(String unitCode, RecipientKind kind, String recipientId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Notice n = new Notice();
            n.id = UUID.randomUUID().toString();
            n.type = kind == RecipientKind.MEMBER ? NoticeType.STUDY_REMINDER : NoticeType.EARLY_WARNING;
            n.period = "2026-10";
            n.noticeKey = n.type.name() + "|" + recipientId + "|" + n.period + "|" + n.id;
            n.unitCode = unitCode;
            n.unitName = unitCode == null ? null : "测试单位" + unitCode;
            n.recipientId = recipientId;
            n.recipientKind = kind;
            n.recipientName = "收件人" + recipientId;
            n.status = Notice.Status.ISSUED;
            n.documentNumber = "县直工委通〔2026〕" + NUMBER.incrementAndGet() + "号";
            n.title = "测试通知 " + recipientId;
            n.body = "正文";
            n.document = "正文";
            n.issuer = "中共XX县直属机关工作委员会";
            n.issueDate = LocalDate.of(2026, 11, 2);
            n.issuedAt = Instant.now();
            n.createdAt = n.issuedAt;
            n.persist();
            return n.id;
        });
    }

    /** A WEBHOOK delivery of the notice that gave up (FAILED), as the committee may resend it. */
    public void failedDelivery(String noticeId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Delivery d = new Delivery();
            d.id = UUID.randomUUID().toString();
            d.noticeId = noticeId;
            d.channel = Channel.WEBHOOK;
            d.status = Delivery.Status.FAILED;
            d.attempts = 7;
            d.lastError = "HTTP 503";
            d.scheduledAt = Instant.now().minusSeconds(3600);
            d.persist();
        });
    }

    /** Who signed the notice (null while unsigned), read from the table. */
    public String acknowledgedBy(String noticeId) {
        return QuarkusTransaction.requiringNew().call(() -> Notice.<Notice>findById(noticeId).acknowledgedBy);
    }

    public String deliveryStatus(String noticeId) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.of(noticeId, Channel.WEBHOOK).status.name());
    }

    /** Rows of every table of the service except the audit trail and Flyway's history (outbox_event included). */
    public Map<String, Long> rowCounts() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select table_name from information_schema.tables where table_schema = 'public'"
                    + " and table_type = 'BASE TABLE' and table_name not in ('audit_record', 'flyway_schema_history') order by 1")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            Map<String, Long> counts = new TreeMap<>();
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("select count(*) from " + table)) {
                    r.next();
                    counts.put(table, r.getLong(1));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The row counts once the service is quiet: events of earlier tests may still be consumed in the background, so
     * the counts are read until two readings a second apart agree.
     */
    public Map<String, Long> settledRowCounts() {
        Map<String, Long> previous = rowCounts();
        for (int i = 0; i < 60; i++) {
            sleep();
            Map<String, Long> now = rowCounts();
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        throw new IllegalStateException("the service kept writing: " + previous);
    }

    /** Audit records with this outcome (ACCEPTED, DENIED, REFUSED, FAILED). */
    public long audits(String outcome) {
        return queryLong("select count(*) from audit_record where outcome = '" + outcome + "'");
    }

    public long audits() {
        return queryLong("select count(*) from audit_record");
    }

    /** The records of one target, oldest first: outcome, status, actor, action, before, after. */
    public List<Map<String, Object>> auditsOf(String targetType, String targetId) {
        try (Connection c = dataSource.getConnection();
             var s = c.prepareStatement("select outcome, status, actor_subject, actor_name, actor_roles, actor_unit, action,"
                     + " target_type, target_id, before_state::text as before_state, after_state::text as after_state"
                     + " from audit_record where target_type = ? and target_id = ? order by id")) {
            s.setString(1, targetType);
            s.setString(2, targetId);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> row = new TreeMap<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement on the audit trail directly, as someone with database access would; the error if refused. */
    public SQLException tryOnAuditTrail(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    private long queryLong(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
