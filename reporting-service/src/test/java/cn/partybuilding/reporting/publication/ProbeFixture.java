package cn.partybuilding.reporting.publication;

import cn.partybuilding.contracts.CloudEventCodec;
import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The probes' county: 1,000 units (PU1..PU1000), 40 indicators, 50,000 members and a month (2031-03) of scores,
 * completions and daily platform points, written straight into the fact tables of a year no test uses. Seeded once per
 * database (the probes share it).
 */
public final class ProbeFixture {
    public static final int YEAR = 2031;
    public static final YearMonth MONTH = YearMonth.of(YEAR, 3);

    private ProbeFixture() {
    }

    public static synchronized void seed(AgroalDataSource dataSource) throws Exception {
        int year = YEAR;
        YearMonth month = MONTH;
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement("select count(*) from indicator_system where for_year = ?")) {
            p.setInt(1, year);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
        }
        List<Map<String, Object>> dimensions = new ArrayList<>();
        String[] codes = {"POLITICAL", "IDEOLOGICAL", "ORGANISATIONAL", "CONDUCT", "DISCIPLINE", "RESPONSIBILITY"};
        int[] weights = {25, 25, 15, 15, 10, 10};
        int indicator = 0;
        for (int d = 0; d < 6; d++) {
            List<Map<String, Object>> indicators = new ArrayList<>();
            int n = d < 4 ? 7 : 6; // 4×7 + 2×6 = 40
            for (int i = 0; i < n; i++) {
                String kind = d == 0 && i == 0 ? "STUDY_RATE" : d == 1 && i == 0 ? "EXAM_PASS_RATE" : d == 1 && i == 1 ? "PLATFORM_POINTS" : "MANUAL";
                double max = 100.0 / n;
                indicators.add(kind.equals("PLATFORM_POINTS")
                        ? Map.of("code", "K" + indicator, "name", "指标" + indicator, "maxPoints", max, "kind", kind, "platformPointsTarget", 300)
                        : Map.of("code", "K" + indicator, "name", "指标" + indicator, "maxPoints", max, "kind", kind));
                indicator++;
            }
            dimensions.add(Map.of("code", codes[d], "name", codes[d], "weight", weights[d], "indicators", indicators));
        }
        Map<String, Object> system = Map.of("year", year, "version", 1, "bonusCap", 5, "dimensions", dimensions, "studyPlan", List.of(
                Map.of("activityType", "WEEKLY_STUDY", "frequency", "WEEKLY", "attendees", "ALL_MEMBERS"),
                Map.of("activityType", "MONTHLY_DISCUSSION", "frequency", "MONTHLY", "attendees", "ALL_MEMBERS")));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (PreparedStatement p = c.prepareStatement("insert into indicator_system (for_year, version, body, event_id) values (?, 1, ?, 'probe')")) {
                p.setInt(1, year);
                p.setString(2, CloudEventCodec.MAPPER.writeValueAsString(system));
                p.executeUpdate();
            }
            s.execute("insert into unit (unit_code, name, event_id) select 'PU' || g, '单位' || g, 'probe' from generate_series(1, 1000) g");
            s.execute("insert into member (member_id, unit_code, organization_id, name, rank, role, active, event_id) "
                    + "select 'PM' || g, 'PU' || (g % 1000 + 1), null, '党员' || g, 'OTHER', case when g <= 1000 then 'SECRETARY' else 'MEMBER' end, true, 'probe' "
                    + "from generate_series(1, 50000) g");
            s.execute("insert into assessment (unit_code, indicator_code, period, assessment_id, revision, score, assessor, event_id) "
                    + "select 'PU' || u, 'K' || k, '" + month + "', 'a', 1, (u * 7 + k * 3) % 14, 'probe', 'probe-' || u || '-' || k "
                    + "from generate_series(1, 1000) u, generate_series(3, 39) k");
            s.execute("insert into study_completion (period, member_id, activity_type, on_day, unit_code, event_id) "
                    + "select '" + month + "', 'PM' || g, 'WEEKLY_STUDY', date '" + month.atDay(1) + "' + w * 7, 'PU' || (g % 1000 + 1), 'probe-' || g || '-' || w "
                    + "from generate_series(1, 50000) g, generate_series(0, 3) w where g % 10 <> 0 or w < 2");
            s.execute("insert into study_completion (period, member_id, activity_type, on_day, unit_code, event_id) "
                    + "select '" + month + "', 'PM' || g, 'MONTHLY_DISCUSSION', date '" + month.atDay(15) + "', 'PU' || (g % 1000 + 1), 'probe-d-' || g "
                    + "from generate_series(1, 50000) g");
            s.execute("insert into platform_points (member_id, on_day, unit_code, points, event_id) "
                    + "select 'PM' || g, date '" + month.atDay(1) + "' + d, 'PU' || (g % 1000 + 1), 10, 'probe' "
                    + "from generate_series(1, 50000) g, generate_series(0, 19) d");
            s.execute("analyze");
        }
    }
}
