package cn.partybuilding.reporting.ingest;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The local stack runs on H2 in PostgreSQL mode: the migrations and the portable ingest path (MERGE, UNNEST arrays)
 * must work there too, with the same idempotency.
 */
class H2PortabilityTest {
    static final String URL = "jdbc:h2:mem:reporting_portability;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    record Sent(String topic, CloudEvent event) {
    }

    static Sent event(String topic, String type, String subject, Map<String, Object> data) {
        return new Sent(topic, CloudEvent.of("/test", type, subject, CloudEventCodec.toTree(data)));
    }

    @Test
    void theIngestAppliesOnceOnH2() throws Exception {
        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").cleanDisabled(false).load().migrate();
        List<Sent> events = List.of(
                event(Topics.ORGANISATION, EventTypes.UNIT_REGISTERED, "U1", Map.of("unitCode", "U1", "name", "县财政局")),
                event(Topics.ORGANISATION, EventTypes.MEMBER_REGISTERED, "U1", Map.of("memberId", "M1", "unitCode", "U1", "name", "张三",
                        "rank", "OTHER", "role", "MEMBER", "active", true)),
                event(Topics.ASSESSMENT, EventTypes.ASSESSMENT_CORRECTED, "U1", Map.of("assessmentId", "a", "revision", 2, "unitCode", "U1",
                        "indicatorCode", "P1", "period", "2026-10", "score", 45, "systemYear", 2026, "systemVersion", 1)),
                event(Topics.ASSESSMENT, EventTypes.ASSESSMENT_RECORDED, "U1", Map.of("assessmentId", "a", "revision", 1, "unitCode", "U1",
                        "indicatorCode", "P1", "period", "2026-10", "score", 30, "systemYear", 2026, "systemVersion", 1)),
                event(Topics.STUDY, EventTypes.STUDY_COMPLETED, "U1", Map.of("memberId", "M1", "unitCode", "U1", "activityType", "WEEKLY_STUDY", "date", "2026-10-05")),
                event(Topics.STUDY, EventTypes.STUDY_COMPLETED, "U1", Map.of("memberId", "M1", "unitCode", "U1", "activityType", "WEEKLY_STUDY", "date", "2026-10-05")),
                event(Topics.STUDY, EventTypes.STUDY_COMPLETED, "U1", Map.of("memberId", "M1", "unitCode", "U1", "activityType", "WEEKLY_STUDY", "date", "2026-10-12")),
                event(Topics.STUDY, EventTypes.PLATFORM_POINTS_RECORDED, "U1", Map.of("memberId", "M1", "unitCode", "U1", "date", "2026-10-05", "points", 10)),
                event(Topics.STUDY, EventTypes.PLATFORM_POINTS_RECORDED, "U1", Map.of("memberId", "M1", "unitCode", "U1", "date", "2026-10-05", "points", 30)),
                event(Topics.STUDY, EventTypes.EXAM_GRADED, "U1", Map.of("memberId", "M1", "unitCode", "U1", "examId", "E", "date", "2026-10-20",
                        "score", 50, "passed", false)));
        try (Connection c = DriverManager.getConnection(URL, "sa", "")) {
            c.setAutoCommit(false);
            assertEquals(9, apply(c, events), "10 events, one repeats a completion's natural key");
            assertEquals(0, apply(c, events), "a redelivery changes nothing");
            c.commit();
            assertEquals("45.00", value(c, "select score from assessment where unit_code = 'U1' and indicator_code = 'P1'"));
            assertEquals("2", value(c, "select count(*) from study_completion where member_id = 'M1' and period = '2026-10'"));
            assertEquals("30", value(c, "select points from platform_points where member_id = 'M1'"));
            assertEquals("FALSE", value(c, "select passed from exam_result where member_id = 'M1'").toUpperCase());
            assertEquals("县财政局", value(c, "select name from unit where unit_code = 'U1'"));
        }
    }

    private static int apply(Connection c, List<Sent> events) throws Exception {
        ParsedBatch batch = new ParsedBatch();
        events.forEach(s -> batch.add(s.topic(), s.event()));
        return FactWriter.apply(c, batch);
    }

    private static String value(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
