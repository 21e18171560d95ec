package cn.partybuilding.assessment.support;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Looks into the service's database from a test: what was written, and what was not. */
public final class Db {
    private Db() {
    }

    public static long count(String sql, Object... params) {
        try (Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long outbox() {
        return count("select count(*) from outbox_event");
    }

    /** Row counts of every table a write could touch, to compare before/after a refused request. */
    public static String snapshot() {
        StringBuilder sb = new StringBuilder();
        for (String table : new String[]{"outbox_event", "unit", "party_organization", "member", "indicator_system", "assessment",
                "assessment_revision", "period_lock", "period_change", "finding", "rectification_item", "bonus",
                "study_completion", "exam_result", "platform_points", "meeting", "meeting_attendance",
                "responsibility_item"}) {
            sb.append(table).append('=').append(count("select count(*) from " + table)).append(' ');
        }
        return sb.toString().trim();
    }
}
