package cn.partybuilding.reporting.publication;

import cn.partybuilding.reporting.scoring.Enums.MemberRank;
import cn.partybuilding.reporting.scoring.Enums.MemberRole;
import cn.partybuilding.reporting.scoring.Enums.Status;
import cn.partybuilding.reporting.scoring.Enums.Tier;
import cn.partybuilding.reporting.scoring.MemberExam;
import cn.partybuilding.reporting.scoring.MemberFacts;
import cn.partybuilding.reporting.scoring.NotSubmittedUnit;
import cn.partybuilding.reporting.scoring.RankedUnit;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who gets which notice (SPEC "Notices"). */
class NoticePlannerTest {
    static final YearMonth OCT = YearMonth.of(2026, 10);

    // Unit U1: committee secretary S (top organisation O1), branch O2 with secretary B and members M1, M2; principal leader L.
    static Recipients recipients() {
        Map<String, String> parents = new HashMap<>();
        parents.put("O1", null);
        parents.put("O2", "O1");
        return new Recipients(Map.of("U1", recipientsRoster()), parents);
    }

    static List<MemberFacts> recipientsRoster() {
        return List.of(
                new MemberFacts("S", "书记", "U1", "O1", MemberRole.SECRETARY, MemberRank.DEPUTY_DIVISION_OR_ABOVE, "s@x"),
                new MemberFacts("B", "支部书记", "U1", "O2", MemberRole.SECRETARY, MemberRank.SECTION_OR_BELOW, null),
                new MemberFacts("L", "局长", "U1", "O1", MemberRole.PRINCIPAL_LEADER, MemberRank.DEPUTY_DIVISION_OR_ABOVE, null),
                new MemberFacts("M1", "党员一", "U1", "O2", MemberRole.MEMBER, MemberRank.SECTION_OR_BELOW, null),
                new MemberFacts("M2", "党员二", "U1", "O2", MemberRole.MEMBER, MemberRank.SECTION_OR_BELOW, null));
    }

    static RankedUnit entry(String unit, Tier tier) {
        return new RankedUnit(1, unit, "单位", 55, 1, 0, tier, Status.SUBMITTED, 0.5, 0, 0);
    }

    @Test
    void laggingTwiceRunningMeansAnInterviewForThePrincipalLeaderWithADeadline() {
        LocalDate deadline = LocalDate.of(2026, 12, 1);
        List<NoticeRequest> requests = new NoticePlanner(recipients())
                .monthlyRanking("2026-10", List.of(entry("U1", Tier.LAGGING)), List.of(), Map.of("U1", Tier.LAGGING), deadline).requests();
        Map<String, NoticeRequest> byKey = new HashMap<>();
        requests.forEach(r -> byKey.put(r.noticeKey(), r));
        assertEquals(List.of("MONTHLY_BULLETIN|ALL_UNITS|2026-10", "CRITICISM|S|2026-10", "INTERVIEW|L|2026-10"),
                requests.stream().map(NoticeRequest::noticeKey).toList());
        assertEquals("UNIT_SECRETARY", byKey.get("CRITICISM|S|2026-10").recipient().kind());
        assertEquals("s@x", byKey.get("CRITICISM|S|2026-10").recipient().email());
        assertEquals(deadline, byKey.get("INTERVIEW|L|2026-10").deadline());

        List<NoticeRequest> once = new NoticePlanner(recipients())
                .monthlyRanking("2026-10", List.of(entry("U1", Tier.LAGGING)), List.of(), Map.of("U1", Tier.MIDDLE), deadline).requests();
        assertFalse(once.stream().anyMatch(r -> r.noticeType().equals("INTERVIEW")));
    }

    /**
     * Issue 12.5: the month's bulletin is ONE request (one document, one 文号) 主送 all units, ranked or not, with each
     * unit's secretary as an addressee (a unit has no e-mail address; its secretary has); before, it was one request
     * per unit, addressed to the unit itself, each becoming a document with its own number.
     */
    @Test
    void theMonthlyBulletinIsOneRequestAddressedToEveryUnitsSecretary() {
        List<MemberFacts> u2 = List.of(new MemberFacts("S2", "书记二", "U2", "O21", MemberRole.SECRETARY, MemberRank.SECTION_OR_BELOW, "s2@x"));
        Map<String, List<MemberFacts>> roster = new HashMap<>();
        roster.put("U1", recipientsRoster());
        roster.put("U2", u2);
        Map<String, String> parents = new HashMap<>();
        parents.put("O1", null);
        parents.put("O2", "O1");
        parents.put("O21", null);
        List<NoticeRequest> requests = new NoticePlanner(new Recipients(roster, parents))
                .monthlyRanking("2026-10", List.of(entry("U1", Tier.ADVANCED), entry("U2", Tier.MIDDLE)),
                        List.of(new NotSubmittedUnit("U3", "县三局")), Map.of(), LocalDate.of(2026, 12, 1)).requests();
        List<NoticeRequest> bulletins = requests.stream().filter(r -> r.noticeType().equals("MONTHLY_BULLETIN")).toList();
        assertEquals(1, bulletins.size(), "one bulletin: " + requests);
        NoticeRequest bulletin = bulletins.get(0);
        assertEquals("MONTHLY_BULLETIN|ALL_UNITS|2026-10", bulletin.noticeKey());
        assertEquals("ALL_UNITS", bulletin.recipient().kind());
        assertEquals(null, bulletin.unitCode());
        assertEquals(List.of("S", "S2", "U3"), bulletin.addressees().stream().map(NoticeRequest.Addressee::id).toList(),
                "every unit's secretary; a unit whose roster names none is addressed by its code");
        assertEquals(List.of("UNIT_SECRETARY", "UNIT_SECRETARY", "UNIT_SECRETARY"),
                bulletin.addressees().stream().map(NoticeRequest.Addressee::kind).toList());
        assertEquals(List.of("s@x", "s2@x"), bulletin.addressees().stream().map(NoticeRequest.Addressee::email).filter(e -> e != null).toList());
        assertEquals(List.of("U1", "U2", "U3"), bulletin.addressees().stream().map(NoticeRequest.Addressee::unitCode).toList());
        assertTrue(requests.stream().noneMatch(r -> r.noticeKey().contains("U3") && !r.noticeType().equals("MONTHLY_BULLETIN")),
                "a unit that submitted nothing has no tier, so no commendation nor criticism");
        assertEquals(List.of("MONTHLY_BULLETIN|ALL_UNITS|2026-10", "COMMENDATION|S|2026-10"), requests.stream().map(NoticeRequest::noticeKey).toList());
    }

    /**
     * Issue 16.6: one failed exam, its notices at once. The first failure of the year: 教育提醒 to the member and to the
     * branch secretary (B, of M1's branch O2); a repeated one: 诫勉谈话 to the member and to the unit secretary (S), naming
     * the earlier failure. The period is the exam and the member, so each failure has keys of its own.
     */
    @Test
    void aFirstFailureRemindsTheMemberAndTheBranchSecretaryARepeatedOneMeansAnAdmonishmentTalk() {
        MemberExam june = new MemberExam("M1", "U1", "2026-H1", LocalDate.of(2026, 6, 20), 50, false);
        List<NoticeRequest> first = new NoticePlanner(recipients()).examFailure(june, null, "单位").requests();
        assertEquals(List.of("EDUCATION_REMINDER|M1|2026-H1/M1", "EDUCATION_REMINDER|B|2026-H1/M1"),
                first.stream().map(NoticeRequest::noticeKey).toList());
        assertEquals("MEMBER", first.get(0).recipient().kind());
        assertEquals("党员一", first.get(0).facts().get("memberName"));
        assertEquals(50.0, first.get(0).facts().get("examScore"));
        assertEquals("BRANCH_SECRETARY", first.get(1).recipient().kind());
        assertEquals("M1", ((Map<?, ?>) ((List<?>) first.get(1).facts().get("members")).get(0)).get("memberId"));

        MemberExam october = new MemberExam("M1", "U1", "2026-H2", LocalDate.of(2026, 10, 20), 40, false);
        List<NoticeRequest> repeated = new NoticePlanner(recipients()).examFailure(october, june, "单位").requests();
        assertEquals(List.of("ADMONISHMENT_TALK|M1|2026-H2/M1", "ADMONISHMENT_TALK|S|2026-H2/M1"),
                repeated.stream().map(NoticeRequest::noticeKey).toList(), "a talk instead of a second reminder");
        assertEquals("UNIT_SECRETARY", repeated.get(1).recipient().kind());
        assertEquals(40.0, repeated.get(0).facts().get("examScore"));
        assertEquals(50.0, repeated.get(0).facts().get("previousExamScore"));
        assertEquals("2026-H1", repeated.get(0).facts().get("previousExamId"));
    }

    /** A branch secretary who fails is reminded as a member; the unit secretary hears about it (no secretary above B in O2). */
    @Test
    void aBranchSecretaryWhoFailsIsRemindedAsTheMemberAndTheUnitSecretaryIsTold() {
        MemberExam b = new MemberExam("B", "U1", "Q4", LocalDate.of(2026, 10, 20), 45, false);
        List<NoticeRequest> requests = new NoticePlanner(recipients()).examFailure(b, null, "单位").requests();
        assertEquals(List.of("EDUCATION_REMINDER|B|Q4/B", "EDUCATION_REMINDER|S|Q4/B"), requests.stream().map(NoticeRequest::noticeKey).toList());
        assertEquals("MEMBER", requests.get(0).recipient().kind());
        assertEquals("支部书记", requests.get(0).facts().get("memberName"));
    }

    @Test
    void anExamPeriodHasNoKeySeparatorAndFitsTheNoticeService() {
        assertEquals("2026/H1/M1", NoticePlanner.examPeriod("2026|H1", "M1"));
        String longPeriod = NoticePlanner.examPeriod("x".repeat(90), "member-0000000001");
        assertTrue(longPeriod.startsWith("exam-") && longPeriod.length() <= 100, longPeriod);
        assertEquals(longPeriod, NoticePlanner.examPeriod("x".repeat(90), "member-0000000001"), "stable");
    }

    @Test
    void aRosterWithoutSecretaryStillAddressesTheUnit() {
        Recipients none = new Recipients(Map.of(), Map.of());
        assertEquals("U9", none.unitSecretary("U9").id());
        assertEquals("UNIT_SECRETARY", none.unitSecretary("U9").kind());
        assertEquals("PRINCIPAL_LEADER", none.principalLeader("U9").kind());
    }

    /**
     * Issue 16.5: a year's notices — ONE 年度通报 主送 every unit of the results with the table in its facts, and a
     * 年度通报表扬 to each 优秀单位's secretary (the roster's, else the unit itself as its secretary's stand-in).
     */
    @Test
    void aPublishedYearCommendsEachExcellentUnitAndSendsOneBulletinWithTheTable() {
        List<AnnualPublication.UnitResult> results = List.of(
                new AnnualPublication.UnitResult(1, "U1", "县一局", 90, 85.0, 88.5, true),
                new AnnualPublication.UnitResult(2, "U2", "县二局", 80, 76.25, 78.88, true),
                new AnnualPublication.UnitResult(3, "U3", "县三局", 70, 60.0, 67, false));
        List<NoticeRequest> requests = new NoticePlanner(recipients()).annualResults("2026", 1, results).requests();
        assertEquals(List.of("ANNUAL_COMMENDATION|S|2026", "ANNUAL_COMMENDATION|U2|2026", "ANNUAL_BULLETIN|ALL_UNITS|2026"),
                requests.stream().map(NoticeRequest::noticeKey).toList());
        NoticeRequest praise = requests.get(0);
        assertEquals("U1", praise.unitCode());
        assertEquals(85.0, praise.facts().get("debriefScore"));
        assertEquals(1, praise.facts().get("rank"));
        NoticeRequest bulletin = requests.get(2);
        assertEquals(List.of("S", "U2", "U3"), bulletin.addressees().stream().map(NoticeRequest.Addressee::id).toList());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> table = (List<Map<String, Object>>) bulletin.facts().get("results");
        assertEquals(List.of("U1", "U2", "U3"), table.stream().map(r -> r.get("unitCode")).toList());
        assertEquals(false, table.get(2).get("excellent"));
        assertEquals(67.0, table.get(2).get("annualScore"));
        assertEquals(1, bulletin.facts().get("version"));
    }

    /**
     * A republished year (issue 13.5's rule for issue 16.5): version 2 sends the year's 更正通报 instead of a second 年度通报
     * (the same addressees, the corrected table, the version and the reason), requests the commendation of a unit that
     * became 优秀 and withdraws that of a unit no longer 优秀; a third version with the same results sends its own 更正通报
     * and nothing else.
     */
    @Test
    void aRepublishedYearSendsItsCorrectionBulletinCommendsTheNewExcellentUnitAndWithdrawsTheFormerOne() {
        List<NoticeRequest> v1 = new NoticePlanner(recipients()).annualResults("2026", 1, List.of(
                new AnnualPublication.UnitResult(1, "U2", "县二局", 80, 80.0, 80, true),
                new AnnualPublication.UnitResult(2, "U3", "县三局", 70, 70.0, 70, false))).requests();
        List<Republication.SentNotice> sent = v1.stream().map(Republication.SentNotice::of).toList();
        assertEquals(v1, Republication.annualRequests(v1, 1, null, List.of()), "version 1 sends all it plans");
        List<NoticeRequest> v2 = new NoticePlanner(recipients()).annualResults("2026", 2, List.of(
                new AnnualPublication.UnitResult(1, "U3", "县三局", 90, 70.0, 84, true),
                new AnnualPublication.UnitResult(2, "U2", "县二局", 60, 80.0, 66, false))).requests();
        List<NoticeRequest> requested = Republication.annualRequests(v2, 2, "述职评议得分录入有误", sent);
        assertEquals(List.of("ANNUAL_COMMENDATION|U3|2026", "ANNUAL_CORRECTION_BULLETIN|ALL_UNITS|2026"),
                requested.stream().map(NoticeRequest::noticeKey).sorted().toList());
        NoticeRequest correction = requested.stream().filter(r -> r.noticeType().equals("ANNUAL_CORRECTION_BULLETIN")).findFirst().orElseThrow();
        NoticeRequest bulletin = v1.stream().filter(r -> r.noticeType().equals("ANNUAL_BULLETIN")).findFirst().orElseThrow();
        assertEquals(java.util.Set.copyOf(bulletin.addressees()), java.util.Set.copyOf(correction.addressees()),
                "the addressees of the 年度通报 (in the corrected order)");
        assertEquals(2, correction.facts().get("version"));
        assertEquals("述职评议得分录入有误", correction.facts().get("reason"));
        assertEquals(2, ((List<?>) correction.facts().get("results")).size(), "the corrected table");
        List<NoticeWithdrawal> withdrawn = Republication.annualWithdrawals(sent, v2, 2026, 2, "述职评议得分录入有误");
        assertEquals(List.of("ANNUAL_COMMENDATION|U2|2026"), withdrawn.stream().map(NoticeWithdrawal::noticeKey).toList());
        assertEquals("2026", withdrawn.get(0).period());
        assertEquals("2026年度考评结果已更正为第2版（述职评议得分录入有误），本单位不再位列党建工作优秀单位，本通知所依据的结果已不再成立",
                withdrawn.get(0).reason());
        // the same results again: the third version's 更正通报, nothing else requested, nothing withdrawn
        List<Republication.SentNotice> inForce = v2.stream().map(Republication.SentNotice::of).toList();
        assertEquals(List.of("ANNUAL_CORRECTION_BULLETIN|ALL_UNITS|2026"),
                Republication.annualRequests(v2, 3, "复核", inForce).stream().map(NoticeRequest::noticeKey).toList());
        assertEquals(List.of(), Republication.annualWithdrawals(inForce, v2, 2026, 3, "复核"));
    }
}
