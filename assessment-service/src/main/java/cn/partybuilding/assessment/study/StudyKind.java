package cn.partybuilding.assessment.study;

import cn.partybuilding.assessment.common.Checks;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.IntFunction;

/**
 * One kind of study record (completion, exam result, 学习强国 points): its field rules, natural key, SQL and event type.
 * {@link StudyStore} runs the same validation, deduplication and batch insert for all three.
 */
public interface StudyKind<R extends StudyRecord> {
    /** Event type of a newly stored record. */
    String eventType();

    /** The event payload of a newly stored record: its own record type, so the REST body and the contract stay apart. */
    Object payload(R row);

    /** Field rules of one row; {@code prefix} is "" for a single record or e.g. "completions[3]." in a batch. */
    void check(Checks checks, String prefix, R row);

    /** The natural key: a second record with the same key is the same record. */
    String key(R row);

    /** Completes a valid row with the member's unit and whatever the service derives (pass score, passed). */
    R complete(R row, String unitCode, IntFunction<BigDecimal> passScoreOfYear);

    /** Existing rows of the given members ({@code %s} = placeholders), with the date bounds as the last two parameters when {@link #dateBounded()}. */
    String selectExisting();

    /** Whether the natural key contains the date (then existing rows are looked up within the batch's dates only). */
    default boolean dateBounded() {
        return true;
    }

    R read(ResultSet rs) throws SQLException;

    /** The INSERT of one row; its last parameter is {@code received_while_locked}, bound by {@link StudyStore}. */
    String insert();

    /** The table of this kind's rows (for reading the late ones back). */
    String table();

    /** The column of the record's date. */
    String dateColumn();

    void bind(PreparedStatement ps, R row, Instant now) throws SQLException;

    static Timestamp timestamp(Instant now) {
        return Timestamp.from(now);
    }
}
