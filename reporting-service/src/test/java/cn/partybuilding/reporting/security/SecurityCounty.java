package cn.partybuilding.reporting.security;

import cn.partybuilding.eventing.consume.EventConsumers;
import cn.partybuilding.local.TestTokens;
import cn.partybuilding.reporting.facts.FactsVersion;
import cn.partybuilding.reporting.ingest.FactBatchHandler;
import cn.partybuilding.reporting.support.County;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The county the security tests work on, year 2046 (no other test uses it): units SX1 and SX2 (the secretary under test
 * is SX1's), scores in January, January locked and published, March and April locked but never published by the
 * fixture (a publication that hostile input must not reach, and one AuditTrailTest makes), May scored and never
 * published nor locked (what a secretary may not see). Applied through the
 * ingest's rules, again whenever a replay (which rebuilds the facts from the topics only) removed it.
 */
final class SecurityCounty {
    static final int YEAR = 2046;
    static final String JAN = "2046-01";
    static final String FEB = "2046-02";
    static final String MAR = "2046-03";
    static final String APR = "2046-04";
    static final String MAY = "2046-05";
    static final String OWN = "SX1";
    static final String OTHER = "SX2";

    /**
     * The tables a request of this API can write (publications, their notices, debrief scores, the outbox); the fact
     * tables are written by the consumer only, which may still be applying other tests' events meanwhile.
     */
    static final List<String> WRITABLE = List.of("published_ranking", "published_entry", "published_notice", "quarterly_publication",
            "quarterly_grade", "annual_publication", "annual_result", "debrief_score", "debrief_reviewer", "debrief_review",
            "unit_pledge", "outbox_event");

    private SecurityCounty() {
    }

    static synchronized void ensure(DataSource dataSource, EventConsumers consumers, FactBatchHandler applier, FactsVersion factsVersion)
            throws SQLException {
        if (count(dataSource, "select count(*) from unit where unit_code = 'SX1'") == 0) {
            County county = new County(YEAR).unit(OWN, "县安全一局").unit(OTHER, "县安全二局")
                    .score(OWN, JAN, 82, 1).score(OTHER, JAN, 64, 1).score(OWN, APR, 85, 1).score(OTHER, APR, 70, 1)
                    .score(OWN, MAY, 81, 1).score(OTHER, MAY, 71, 1)
                    .study(OWN, "2046-01-08").locked(JAN).locked(MAR).locked(APR);
            assertEquals(List.of(), consumers.idempotent("security-test", applier).handle(county.events()));
            factsVersion.bump();
        }
        if (count(dataSource, "select count(*) from published_ranking where period = '" + JAN + "'") == 0) {
            given().auth().oauth2(TestTokens.admin()).post("/rankings/" + JAN + "/publish").then().statusCode(200);
        }
    }

    static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Row counts of the tables a request can write. */
    static Map<String, Long> rows(DataSource dataSource) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : WRITABLE) {
            rows.put(table, count(dataSource, "select count(*) from " + table));
        }
        return rows;
    }

    /** The audit records written after {@code afterId}, oldest first. */
    static List<Map<String, Object>> auditSince(DataSource dataSource, long afterId) throws SQLException {
        List<Map<String, Object>> records = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select id, actor_subject, actor_name, actor_roles, actor_unit, action, target_type, target_id, outcome, status, "
                        + "before_state::text, after_state::text from audit_record where id > ? order by id")) {
            s.setLong(1, afterId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("id", rs.getLong(1));
                    r.put("subject", rs.getString(2));
                    r.put("name", rs.getString(3));
                    r.put("roles", rs.getString(4));
                    r.put("unit", rs.getString(5));
                    r.put("action", rs.getString(6));
                    r.put("targetType", rs.getString(7));
                    r.put("targetId", rs.getString(8));
                    r.put("outcome", rs.getString(9));
                    r.put("status", rs.getInt(10));
                    r.put("before", rs.getString(11));
                    r.put("after", rs.getString(12));
                    records.add(r);
                }
            }
        }
        return records;
    }

    static long lastAuditId(DataSource dataSource) throws SQLException {
        return count(dataSource, "select coalesce(max(id), 0) from audit_record");
    }
}
