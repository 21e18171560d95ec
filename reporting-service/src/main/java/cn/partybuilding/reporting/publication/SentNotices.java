package cn.partybuilding.reporting.publication;

import cn.partybuilding.reporting.facts.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The notice requests a published version emitted, kept so that the next version can withdraw what no longer applies
 * ({@link Republication}): a month's in {@code published_notice} (V11_2, by period), a year's in {@code annual_notice}
 * (V18, by year). The table and its period column are this class's constants, never input.
 */
final class SentNotices {
    static final SentNotices MONTH = new SentNotices("published_notice", "period");
    static final SentNotices YEAR = new SentNotices("annual_notice", "for_year");

    private final String table;
    private final String periodColumn;

    private SentNotices(String table, String periodColumn) {
        this.table = table;
        this.periodColumn = periodColumn;
    }

    /** The requests version {@code version} of {@code period} emitted (none for versions published before the table existed). */
    List<Republication.SentNotice> of(Connection c, Object period, int version) throws SQLException {
        List<Republication.SentNotice> sent = new ArrayList<>();
        Sql.query(c, "select notice_key, notice_type, unit_code, recipient_id from " + table + " where " + periodColumn + " = ? and version = ? "
                + "order by notice_key", rs -> sent.add(new Republication.SentNotice(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4))), period, version);
        return sent;
    }

    /**
     * One statement for all of a version's requests, their columns as arrays: a month's ~13,000 rows took 190–270 ms as
     * batched inserts (a parameter set per row), ~100 ms this way.
     */
    void record(Connection c, Object period, int version, List<NoticeRequest> notices) throws SQLException {
        if (notices.isEmpty()) {
            return;
        }
        int n = notices.size();
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] units = new String[n];
        String[] recipients = new String[n];
        for (int i = 0; i < n; i++) {
            Republication.SentNotice sent = Republication.SentNotice.of(notices.get(i));
            keys[i] = sent.noticeKey();
            types[i] = sent.noticeType();
            units[i] = sent.unitCode();
            recipients[i] = sent.recipientId();
        }
        try (PreparedStatement insert = c.prepareStatement("insert into " + table + " (" + periodColumn + ", version, notice_key, notice_type, "
                + "unit_code, recipient_id) select ?, ?, k, t, u, r from unnest(?, ?, ?, ?) as n(k, t, u, r)")) {
            insert.setObject(1, period);
            insert.setInt(2, version);
            insert.setArray(3, Sql.array(c, "varchar", keys));
            insert.setArray(4, Sql.array(c, "varchar", types));
            insert.setArray(5, Sql.array(c, "varchar", units));
            insert.setArray(6, Sql.array(c, "varchar", recipients));
            insert.executeUpdate();
        }
    }
}
