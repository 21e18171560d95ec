package cn.partybuilding.reporting.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

/**
 * Removes a test county's facts (units whose code starts with a prefix, the year's indicator system) so that no other
 * test ranks its units; its publications stay, under a year no other test reads.
 */
public final class CountyCleanup {
    private CountyCleanup() {
    }

    public static void remove(DataSource dataSource, String unitPrefix, int year) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            for (String table : List.of("unit", "party_organization", "member", "assessment", "exam_result", "study_completion",
                    "finding", "rectification")) {
                try (PreparedStatement s = c.prepareStatement("delete from " + table + " where unit_code like ?")) {
                    s.setString(1, unitPrefix + "%");
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("delete from indicator_system where for_year = ?")) {
                s.setInt(1, year);
                s.executeUpdate();
            }
        }
    }
}
