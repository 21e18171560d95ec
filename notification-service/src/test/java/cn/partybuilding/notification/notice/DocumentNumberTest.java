package cn.partybuilding.notification.notice;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DocumentNumberTest {
    @Test
    void officialNumberFormat() {
        assertEquals("县直工委通〔2026〕3号", DocumentNumber.format("县直工委通", 2026, 3));
        assertEquals("县直工委通〔2027〕128号", DocumentNumber.format("县直工委通", 2027, 128));
        assertThrows(IllegalArgumentException.class, () -> DocumentNumber.format("县直工委通", 2026, 0));
    }

    @Test
    void noticeKeyIsTypeRecipientPeriod() {
        assertEquals("CRITICISM|U001|2026-10", NoticeKey.of(NoticeType.CRITICISM, "U001", "2026-10"));
        assertEquals("ESCALATION|U001:BRANCH_SECRETARY|n-1", NoticeKey.escalation("U001:BRANCH_SECRETARY", "n-1"));
    }
}
