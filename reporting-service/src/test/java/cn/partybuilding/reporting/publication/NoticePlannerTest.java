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

    @Test
    void failedExamsRemindTheMemberAndTheBranchSecretaryOnceAndTwoRunningMeanAnAdmonishmentTalk() {
        Map<String, List<MemberExam>> exams = Map.of(
                "M1", List.of(new MemberExam("M1", "U1", "H1", LocalDate.of(2026, 6, 20), 50, false),
                        new MemberExam("M1", "U1", "Q4", LocalDate.of(2026, 10, 20), 40, false)),
                "M2", List.of(new MemberExam("M2", "U1", "H1", LocalDate.of(2026, 6, 20), 90, true),
                        new MemberExam("M2", "U1", "Q4", LocalDate.of(2026, 10, 20), 55, false)),
                "S", List.of(new MemberExam("S", "U1", "Q3", LocalDate.of(2026, 9, 20), 30, false)));
        List<NoticeRequest> requests = new NoticePlanner(recipients()).exams(OCT, exams, Map.of("U1", "单位")).requests();
        Map<String, NoticeRequest> byKey = new HashMap<>();
        requests.forEach(r -> byKey.put(r.noticeKey(), r));
        assertTrue(byKey.keySet().containsAll(List.of("EDUCATION_REMINDER|M1|2026-10", "EDUCATION_REMINDER|M2|2026-10",
                "EDUCATION_REMINDER|B|2026-10", "ADMONISHMENT_TALK|M1|2026-10", "ADMONISHMENT_TALK|S|2026-10")), byKey.keySet()::toString);
        assertEquals(5, requests.size(), "S failed in September only; M2 failed once");
        NoticeRequest branch = byKey.get("EDUCATION_REMINDER|B|2026-10");
        assertEquals("BRANCH_SECRETARY", branch.recipient().kind());
        assertEquals(2, ((List<?>) branch.facts().get("members")).size(), "one notice to the branch secretary naming both members");
        assertEquals("UNIT_SECRETARY", byKey.get("ADMONISHMENT_TALK|S|2026-10").recipient().kind());
        assertEquals(40.0, byKey.get("ADMONISHMENT_TALK|M1|2026-10").facts().get("examScore"));
    }

    /**
     * Branch secretary B and member M1 of B's branch both fail October's exam. SPEC allows one notice per (type, recipient,
     * period), so B gets one 教育提醒: about B's own exam and titled with B's name, listing M1 under "members"; M1's own
     * reminder is a separate request. The exams come from a HashMap, so both iteration orders must give the same notices.
     */
    @Test
    void aBranchSecretaryWhoFailsTooIsRemindedAboutTheirOwnExamWhateverTheOrder() {
        List<MemberExam> bExams = List.of(new MemberExam("B", "U1", "Q4", LocalDate.of(2026, 10, 20), 45, false));
        List<MemberExam> m1Exams = List.of(new MemberExam("M1", "U1", "Q4", LocalDate.of(2026, 10, 20), 52, false));
        Map<String, List<MemberExam>> secretaryFirst = new LinkedHashMap<>();
        secretaryFirst.put("B", bExams);
        secretaryFirst.put("M1", m1Exams);
        Map<String, List<MemberExam>> memberFirst = new LinkedHashMap<>();
        memberFirst.put("M1", m1Exams);
        memberFirst.put("B", bExams);
        Map<String, NoticeRequest> first = null;
        for (Map<String, List<MemberExam>> exams : List.of(secretaryFirst, memberFirst)) {
            List<NoticeRequest> requests = new NoticePlanner(recipients()).exams(OCT, exams, Map.of("U1", "单位")).requests();
            Map<String, NoticeRequest> byKey = new HashMap<>();
            requests.forEach(r -> byKey.put(r.noticeKey(), r));
            String order = "order " + exams.keySet() + ": " + byKey;
            List<NoticeRequest> toB = requests.stream()
                    .filter(r -> r.noticeType().equals("EDUCATION_REMINDER") && r.recipient().id().equals("B")).toList();
            assertEquals(1, toB.size(), order);
            NoticeRequest own = toB.get(0);
            assertEquals("MEMBER", own.recipient().kind(), "B is addressed as the member who failed: " + order);
            assertEquals("B", own.facts().get("memberId"), order);
            assertEquals("支部书记", own.facts().get("memberName"), "titled with B's own name: " + order);
            assertEquals(45.0, own.facts().get("examScore"), "B's own score: " + order);
            List<?> members = (List<?>) own.facts().get("members");
            assertEquals(1, members.size(), order);
            assertEquals("M1", ((Map<?, ?>) members.get(0)).get("memberId"), order);
            assertEquals(52.0, ((Map<?, ?>) members.get(0)).get("examScore"), order);

            NoticeRequest toM1 = byKey.get("EDUCATION_REMINDER|M1|2026-10");
            assertEquals("党员一", toM1.recipient().name(), order);
            assertEquals(52.0, toM1.facts().get("examScore"), order);
            assertEquals("M1", toM1.facts().get("memberId"), order);
            // B has no branch secretary above them in O2, so the unit secretary S hears about B.
            assertEquals(List.of("B"), ((List<?>) byKey.get("EDUCATION_REMINDER|S|2026-10").facts().get("members")).stream()
                    .map(m -> ((Map<?, ?>) m).get("memberId")).toList(), order);
            if (first == null) {
                first = byKey;
            } else {
                assertEquals(first, byKey, "the same notices whatever the iteration order");
            }
        }
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
}
