package cn.partybuilding.notification.intake;

import cn.partybuilding.contracts.InvalidEventException;
import cn.partybuilding.notification.notice.NoticeType;
import cn.partybuilding.notification.notice.RecipientKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoticeRequestRulesTest {
    static NoticeRequestView request(String key, String type, String period, String unitCode, String id, String kind, String email) {
        return new NoticeRequestView(key, type, period, unitCode, "县财政局", new NoticeRequestView.Recipient(id, kind, "张三", email), null, null, null);
    }

    @Test
    void aValidRequestKeepsItsKey() {
        NoticeRequestRules.Valid v = NoticeRequestRules.check(request("CRITICISM|U7-SEC|2026-10", "CRITICISM", "2026-10", "U7", "U7-SEC", "UNIT_SECRETARY", "a@b.cn"));
        assertEquals("CRITICISM|U7-SEC|2026-10", v.noticeKey());
        assertEquals(NoticeType.CRITICISM, v.type());
        assertEquals(RecipientKind.UNIT_SECRETARY, v.kind());
        assertEquals("U7", v.unitCode());
    }

    @Test
    void aUnitRecipientStandsForItsUnit() {
        NoticeRequestRules.Valid v = NoticeRequestRules.check(request("MONTHLY_BULLETIN|U7|2026-10", "MONTHLY_BULLETIN", "2026-10", null, "U7", "UNIT", null));
        assertEquals("U7", v.unitCode());
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        InvalidEventException e = assertThrows(InvalidEventException.class, () ->
                NoticeRequestRules.check(request("x", "ESCALATION", " ", null, "M1", "BOSS", "nobody")));
        String reason = e.getMessage();
        assertTrue(reason.contains("noticeType 'ESCALATION' is not one of"), reason);
        assertTrue(reason.contains("period is missing"), reason);
        assertTrue(reason.contains("recipient.kind 'BOSS'"), reason);
        assertTrue(reason.contains("recipient.email 'nobody' is not an e-mail address"), reason);
    }

    @Test
    void keyMismatchAndMissingPiecesAreRefused() {
        assertThrows(InvalidEventException.class, () ->
                NoticeRequestRules.check(request("CRITICISM|U8|2026-10", "CRITICISM", "2026-10", "U7", "U7-SEC", "UNIT_SECRETARY", null)));
        assertThrows(InvalidEventException.class, () ->
                NoticeRequestRules.check(request(null, "CRITICISM", "2026-10", "U7", "U7-SEC", "UNIT_SECRETARY", null)));
        assertThrows(InvalidEventException.class, () ->
                NoticeRequestRules.check(request("CRITICISM|U7-SEC|2026-10", "CRITICISM", "2026-10", null, "U7-SEC", "UNIT_SECRETARY", null)));
        assertThrows(InvalidEventException.class, () ->
                NoticeRequestRules.check(request("MONTHLY_BULLETIN|U7|2026-Q3", "MONTHLY_BULLETIN", "2026-Q3", "U7", "U7", "UNIT", null)));
        assertThrows(InvalidEventException.class, () ->
                NoticeRequestRules.check(new NoticeRequestView("CRITICISM|x|2026-10", "CRITICISM", "2026-10", "U7", null, null, null, null, null)));
    }

    /** Issue 16.5: the annual notices are of a year (YYYY); only the bulletin may be 主送 all units. */
    @Test
    void annualNoticesAreOfAYear() {
        NoticeRequestRules.Valid v = NoticeRequestRules.check(request("ANNUAL_COMMENDATION|U7-SEC|2026", "ANNUAL_COMMENDATION", "2026", "U7",
                "U7-SEC", "UNIT_SECRETARY", null));
        assertEquals(NoticeType.ANNUAL_COMMENDATION, v.type());
        InvalidEventException month = assertThrows(InvalidEventException.class, () -> NoticeRequestRules.check(request(
                "ANNUAL_COMMENDATION|U7-SEC|2026-12", "ANNUAL_COMMENDATION", "2026-12", "U7", "U7-SEC", "UNIT_SECRETARY", null)));
        assertTrue(month.getMessage().contains("period of a ANNUAL_COMMENDATION must be YYYY, was '2026-12'"), month.getMessage());
        NoticeRequestRules.Valid bulletin = NoticeRequestRules.check(new NoticeRequestView("ANNUAL_BULLETIN|ALL_UNITS|2026", "ANNUAL_BULLETIN",
                "2026", null, null, new NoticeRequestView.Recipient("ALL_UNITS", "ALL_UNITS", null, null), null, null,
                java.util.List.of(new NoticeRequestView.Addressee("U7-SEC", "UNIT_SECRETARY", "张三", null, "U7", "县财政局"))));
        assertEquals(java.util.List.of("ANNUAL_BULLETIN|U7-SEC|2026"), bulletin.copies().stream().map(NoticeRequestRules.Copy::noticeKey).toList());
        InvalidEventException toAll = assertThrows(InvalidEventException.class, () -> NoticeRequestRules.check(new NoticeRequestView(
                "ANNUAL_COMMENDATION|ALL_UNITS|2026", "ANNUAL_COMMENDATION", "2026", null, null,
                new NoticeRequestView.Recipient("ALL_UNITS", "ALL_UNITS", null, null), null, null,
                java.util.List.of(new NoticeRequestView.Addressee("U7-SEC", "UNIT_SECRETARY", "张三", null, "U7", "县财政局")))));
        assertTrue(toAll.getMessage().contains("is for a MONTHLY_BULLETIN, CORRECTION_BULLETIN, ANNUAL_BULLETIN or ANNUAL_CORRECTION_BULLETIN only"), toAll.getMessage());
    }

    /** The 更正通报 of a republished year: 主送 all units like the 年度通报, a document and copies per corrected version. */
    @Test
    void anAnnualCorrectionBulletinIsADocumentPerCorrectedVersion() {
        java.util.function.IntFunction<NoticeRequestView> ofVersion = version -> new NoticeRequestView("ANNUAL_CORRECTION_BULLETIN|ALL_UNITS|2026",
                "ANNUAL_CORRECTION_BULLETIN", "2026", null, null, new NoticeRequestView.Recipient("ALL_UNITS", "ALL_UNITS", null, null), null,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("version", version).put("reason", "复核"),
                java.util.List.of(new NoticeRequestView.Addressee("U7-SEC", "UNIT_SECRETARY", "张三", null, "U7", "县财政局")));
        NoticeRequestRules.Valid v2 = NoticeRequestRules.check(ofVersion.apply(2));
        assertEquals("ANNUAL_CORRECTION_BULLETIN|ALL_UNITS|2026|v2", v2.documentKey());
        assertEquals(java.util.List.of("ANNUAL_CORRECTION_BULLETIN|U7-SEC|2026|v2"), v2.copies().stream().map(NoticeRequestRules.Copy::noticeKey).toList());
        InvalidEventException first = assertThrows(InvalidEventException.class, () -> NoticeRequestRules.check(ofVersion.apply(1)));
        assertTrue(first.getMessage().contains("facts.version of a ANNUAL_CORRECTION_BULLETIN must be the corrected publication version"), first.getMessage());
    }
}
