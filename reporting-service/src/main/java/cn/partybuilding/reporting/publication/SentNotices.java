package cn.partybuilding.reporting.publication;

import cn.partybuilding.reporting.facts.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The notice requests a published version emitted, kept so that the next version can withdraw what no longer applies
 * ({@link Republication}): a month's in {@code published_notice} (V11_2, by period), a year's in {@code annual_notice}
 * (V18, by year). The table and its period column are this class's constants, never input.
 */
final class SentNotices {
    static final SentNotices MONTH = new SentNotices("published_notice", "period", "varchar");
    static final SentNotices YEAR = new SentNotices("annual_notice", "for_year", "integer");

    private final String table;
    private final String periodColumn;
    private final List<Sql.Col> columns;
    private final String insert;

    private SentNotices(String table, String periodColumn, String periodType) {
        this.table = table;
        this.periodColumn = periodColumn;
        this.columns = List.of(Sql.col(periodColumn, periodType), Sql.col("version", "integer"), Sql.col("notice_key", "varchar"),
                Sql.col("notice_type", "varchar"), Sql.col("unit_code", "varchar"), Sql.col("recipient_id", "varchar"));
        this.insert = Sql.insertUnnest(table, columns);
    }

    /** The requests version {@code version} of {@code period} emitted (none for versions published before the table existed). */
    List<Republication.SentNotice> of(Connection c, Object period, int version) throws SQLException {
        List<Republication.SentNotice> sent = new ArrayList<>();
        Sql.query(c, "select notice_key, notice_type, unit_code, recipient_id from " + table + " where " + periodColumn + " = ? and version = ? "
                + "order by notice_key", rs -> sent.add(new Republication.SentNotice(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4))), period, version);
        return sent;
    }

    /** All of a version's requests in one statement ({@link Sql#insertUnnest}). */
    void record(Connection c, Object period, int version, List<NoticeRequest> notices) throws SQLException {
        Sql.executeUnnest(c, insert, columns, notices.stream().map(Republication.SentNotice::of)
                .map(n -> new Object[]{period, version, n.noticeKey(), n.noticeType(), n.unitCode(), n.recipientId()}).toList());
    }
}
