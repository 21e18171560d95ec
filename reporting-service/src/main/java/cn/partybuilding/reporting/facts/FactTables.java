package cn.partybuilding.reporting.facts;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables a replay rebuilds from the topics (Flyway V2; the membership history V10): the facts, and {@code consumed_event} (the platform's record of
 * the ids applied to them; the ingest is this service's only consumer, so every id there is a fact's). Publications,
 * quarterly grades, annual results and debrief scores are not facts and are kept.
 */
public final class FactTables {
    public static final List<String> ALL = List.of("consumed_event", "unit", "party_organization", "member", "member_version", "member_period", "indicator_system",
            "assessment", "finding", "bonus", "rectification", "period_state", "study_completion", "exam_result", "platform_points");

    private FactTables() {
    }

    /** Empties every fact table, in the caller's transaction. */
    public static void emptyAll(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : ALL) {
                s.executeUpdate("delete from " + table);
            }
        }
    }
}
