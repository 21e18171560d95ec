package cn.partybuilding.notification.platform;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The migrations and the hand-written SQL also run on H2 in PostgreSQL mode, the database of the local
 * stack (%local), and the unique notice key holds there too.
 */
class H2MigrationTest {
    static final String URL = "jdbc:h2:mem:notification_h2;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @Test
    void migrationsAndStatementsArePortable() throws SQLException {
        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").cleanDisabled(false).load().migrate();
        try (Connection c = DriverManager.getConnection(URL, "sa", ""); Statement s = c.createStatement()) {
            assertEquals(0, s.executeUpdate("update document_sequence set last_number = last_number + 1 where doc_year = 2026"));
            s.executeUpdate("insert into document_sequence (doc_year, last_number) values (2026, 1)");
            assertEquals(1, s.executeUpdate("update document_sequence set last_number = last_number + 1 where doc_year = 2026"));
            assertEquals(2, single(s, "select last_number from document_sequence where doc_year = 2026"));

            s.executeUpdate("insert into processed_event (event_id, event_type) values ('e1', 'cn.partybuilding.notice.requested')");
            assertEquals(1, single(s, "select count(*) from processed_event where event_id in ('e1', 'e2')"));

            s.executeUpdate("insert into monthly_ranking (period, version, published_at, entries) values ('2026-10', 1, null, '[]')");
            s.executeUpdate("insert into monthly_ranking (period, version, published_at, entries) values ('2026-10', 2, null, '[]')");
            assertEquals(2, single(s, "select version from monthly_ranking where period = '2026-10' order by version desc limit 1"));

            String notice = "insert into notice (id, notice_key, notice_type, period, recipient_id, recipient_kind, status, created_at) "
                    + "values ('%s', 'CRITICISM|U1-SEC|2026-10', 'CRITICISM', '2026-10', 'U1-SEC', 'UNIT_SECRETARY', 'HELD', current_timestamp)";
            s.executeUpdate(notice.formatted("n1"));
            SQLException duplicate = assertThrows(SQLException.class, () -> s.executeUpdate(notice.formatted("n2")));
            assertTrue(duplicate.getMessage().toLowerCase().contains("notice_key_unique"), duplicate.getMessage());
            s.executeUpdate("insert into delivery (id, notice_id, channel, status, next_attempt_at) values ('d1', 'n1', 'EMAIL', 'PENDING', current_timestamp)");
            assertEquals(1, single(s, "select count(*) from delivery where status <> 'SENT' and next_attempt_at <= current_timestamp"));
        }
    }

    private static int single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
