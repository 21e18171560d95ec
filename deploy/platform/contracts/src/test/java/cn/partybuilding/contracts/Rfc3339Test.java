package cn.partybuilding.contracts;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Rfc3339Test {
    @Test
    void theCommonFormsAreReadByHandToTheSameValueAsTheFormatter() {
        for (String text : List.of("2026-10-31T12:00+08:00", "2026-10-31T12:00:05+08:00", "2026-10-31T12:00:05.1Z",
                "2026-10-31T12:00:05.123456789-05:30", "2026-10-31T23:59:59.000001Z", "2028-02-29T00:00Z", "2026-01-01T00:00:00-00:00",
                "0001-01-01T00:00:00+18:00")) {
            OffsetDateTime fast = Rfc3339.fast(text);
            assertNotNull(fast, text);
            assertEquals(OffsetDateTime.parse(text), fast, text);
            assertEquals(OffsetDateTime.parse(text).getOffset(), fast.getOffset(), text);
        }
    }

    @Test
    void everythingElseIsLeftToTheFormatterWhichAcceptsOrRefusesAsBefore() {
        // other forms the formatter reads: parse gives its value
        for (String text : List.of("2026-10-31t12:00Z", "2026-10-31T12:00:05+08:00:30", "+12026-10-31T12:00Z", "2026-10-31T12:00:05.Z")) {
            assertNull(Rfc3339.fast(text), text);
            assertEquals(OffsetDateTime.parse(text), Rfc3339.parse(text), text);
        }
        // out of range or malformed: refused with the formatter's own exception
        for (String text : List.of("2026-02-30T12:00Z", "2026-10-31T24:00Z", "2026-10-31T12:60Z", "2026-10-31T12:00:60Z",
                "2026-13-01T12:00Z", "2026-10-31T12:00+19:00", "2026-10-31T12:00+08:60", "2026-10-31T12:00", "2026-10-31 12:00Z",
                "2026-10-31T12:00:05.1234567890Z", "2026-1a-31T12:00Z", "2026-10-31T12:00+0800", "")) {
            assertNull(Rfc3339.fast(text), text);
            assertThrows(DateTimeParseException.class, () -> Rfc3339.parse(text), text);
        }
    }

    @Test
    void aFullDateIsReadByHandOrByTheFormatterWithTheSameOutcome() {
        for (String text : List.of("2026-10-31", "2028-02-29", "0001-01-01", "+12026-01-01")) {
            assertEquals(java.time.LocalDate.parse(text), Rfc3339.date(text), text);
        }
        for (String text : List.of("2026-02-29", "2026-13-01", "2026-10-32", "2026-1-31", "2026/10/31", "2026-10-3a", "", "2026-10-31T00:00")) {
            assertThrows(DateTimeParseException.class, () -> Rfc3339.date(text), text);
        }
    }
}
