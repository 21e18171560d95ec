package cn.partybuilding.reporting.facts;

import cn.partybuilding.reporting.facts.EventViews.StudyView;
import cn.partybuilding.reporting.facts.FactWriter.CompletionKey;
import cn.partybuilding.reporting.facts.ParsedBatch.Item;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Issue 18.5: a poll's new study completions written with one binary {@code COPY}. An array INSERT ... ON CONFLICT
 * makes the server parse every value from text (dates, two timestamps) and probe the key before each row; binary COPY
 * sends the values in the server's own form and inserts the rows in bulk. COPY has no ON CONFLICT: when a key is
 * there already (a redelivered poll, the same completion from another system, another loop's batch) the server refuses
 * the whole COPY; it is undone to a savepoint and the caller writes the poll with the INSERT that keeps the existing
 * rows, so a completion still counts once. Any other refusal (a value too long) is left to that INSERT too, which
 * fails the same way and lets the platform find the event at fault.
 */
final class CompletionCopy {
    static final String COPY = "copy study_completion (period, member_id, activity_type, on_day, unit_code, event_id, event_source, "
            + "event_time, received_at, meeting_id) from stdin (format binary)";
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final short COLUMNS = 10;
    /** PostgreSQL's epoch, 2000-01-01, in days and microseconds from 1970-01-01. */
    private static final long PG_EPOCH_DAYS = 10_957;
    private static final long PG_EPOCH_MICROS = PG_EPOCH_DAYS * 86_400_000_000L;
    /** Rows are sent in pieces of about this size, so a poll's COPY holds no more than this in memory at once. */
    private static final int CHUNK = 256 * 1024;

    private CompletionCopy() {
    }

    /**
     * Writes {@code rows} (keys distinct within the poll) with COPY; returns how many were written, or null when the
     * server refused them (nothing of the COPY remains) or the connection is not PostgreSQL's.
     */
    static Integer copy(Connection c, Map<CompletionKey, Item<StudyView>> rows) throws SQLException {
        if (!c.isWrapperFor(PGConnection.class)) {
            return null;
        }
        CopyIn copy = null;
        // a savepoint in SQL: the pool refuses Connection.rollback(Savepoint) on a connection of a JTA transaction
        execute(c, "savepoint completion_copy");
        try {
            copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            Encoder out = new Encoder();
            out.write(HEADER);
            for (Map.Entry<CompletionKey, Item<StudyView>> e : inKeyOrder(rows)) {
                CompletionKey key = e.getKey();
                Item<StudyView> item = e.getValue();
                out.writeShort(COLUMNS);
                out.text(key.period());
                out.text(key.memberId());
                out.text(key.activityType());
                out.writeInt(4);
                out.writeInt((int) (key.day().toEpochDay() - PG_EPOCH_DAYS));
                out.text(item.view().unitCode());
                out.text(item.eventId());
                out.text(item.source());
                out.timestamp(item.time() == null ? null : item.time().toInstant());
                out.timestamp(item.receivedAt());
                out.text(item.view().meetingId()); // issue 16.1: the meeting a completion is the attendance of, for the drill-down
                if (out.size() >= CHUNK) {
                    out.flushTo(copy);
                }
            }
            out.writeShort(-1);
            out.flushTo(copy);
            long written = copy.endCopy();
            execute(c, "release savepoint completion_copy");
            return (int) written;
        } catch (SQLException refused) {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
            execute(c, "rollback to savepoint completion_copy");
            return null;
        }
    }

    /**
     * The rows in the order of the table's key (period, member, type, day): each row's key goes into the primary-key
     * index, and in key order one insert after the other lands on the same or the next leaf page, where in arrival order
     * (members of every unit interleaved) each lands on a page of its own, read again for each.
     */
    private static List<Map.Entry<CompletionKey, Item<StudyView>>> inKeyOrder(Map<CompletionKey, Item<StudyView>> rows) {
        List<Map.Entry<CompletionKey, Item<StudyView>>> sorted = new ArrayList<>(rows.entrySet());
        sorted.sort(Map.Entry.comparingByKey(KEY_ORDER));
        return sorted;
    }

    /** The key's order; the period (yyyy-MM of the day) compared as year and month, without making its text. */
    private static final Comparator<CompletionKey> KEY_ORDER = Comparator.<CompletionKey>comparingInt(k -> k.day().getYear() * 12 + k.day().getMonthValue())
            .thenComparing(CompletionKey::memberId).thenComparing(CompletionKey::activityType).thenComparing(CompletionKey::day);

    private static void execute(Connection c, String sql) throws SQLException {
        try (java.sql.Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    /** COPY's binary row format: big-endian, each field its length (-1: null) and its bytes. */
    private static final class Encoder {
        private byte[] buffer = new byte[CHUNK + 4096];
        private int size;

        int size() {
            return size;
        }

        void write(byte[] bytes) {
            room(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
        }

        void writeShort(int value) {
            room(2);
            buffer[size++] = (byte) (value >>> 8);
            buffer[size++] = (byte) value;
        }

        void writeInt(int value) {
            room(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (value >>> shift);
            }
        }

        void writeLong(long value) {
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (value >>> shift);
            }
        }

        void text(String value) {
            if (value == null) {
                writeInt(-1);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            writeInt(utf8.length);
            write(utf8);
        }

        /** timestamptz: microseconds from 2000-01-01 UTC, rounded to the microsecond as the server rounds text. */
        void timestamp(Instant at) {
            if (at == null) {
                writeInt(-1);
                return;
            }
            writeInt(8);
            writeLong(at.getEpochSecond() * 1_000_000L + (long) Math.rint(at.getNano() / 1000.0) - PG_EPOCH_MICROS);
        }

        void flushTo(CopyIn copy) throws SQLException {
            copy.writeToCopy(buffer, 0, size);
            size = 0;
        }

        private void room(int bytes) {
            if (size + bytes > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + bytes));
            }
        }
    }
}
