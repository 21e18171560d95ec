package cn.partybuilding.notification.template;

import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.notification.notice.NoticeType;
import cn.partybuilding.notification.notice.RecipientKind;
import cn.partybuilding.notification.notice.RenderInput;
import cn.partybuilding.notification.notice.Rendered;
import cn.partybuilding.notification.ranking.RankingView;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every notice type renders as an official document, with full facts and with none at all. */
@QuarkusTest
class NoticeRendererTest {
    static final LocalDate ISSUED = LocalDate.of(2026, 11, 25);
    static final JsonNode FACTS = CloudEventCodec.toTree(Map.ofEntries(
            Map.entry("rank", 12), Map.entry("totalUnits", 56), Map.entry("score", 71.456), Map.entry("tier", "LAGGING"),
            Map.entry("rankChange", -3), Map.entry("completionRate", 0.5), Map.entry("examName", "2026年下半年理论知识测试"),
            Map.entry("examScore", 48), Map.entry("passScore", 60), Map.entry("memberName", "郑华"),
            Map.entry("description", "“三会一课”记录不规范"), Map.entry("source", "巡察"), Map.entry("itemId", "R-2026-031"),
            Map.entry("platformPoints", 35)));
    static final RankingView RANKING = new RankingView("2026-10", 1, List.of(
            new RankingView.Entry(2, "U2", "县财政局", new BigDecimal("90.00"), 3, 1, "MIDDLE", "SUBMITTED", null, null),
            new RankingView.Entry(1, "U1", "县发展和改革局", new BigDecimal("95.5"), 1, 0, "ADVANCED", "SUBMITTED", null, null)),
            List.of(new RankingView.Unit("U3", "县统计局")));

    @Inject
    NoticeRenderer renderer;

    @Test
    void everyTypeRendersWithAndWithoutFacts() {
        for (NoticeType type : NoticeType.values()) {
            for (RecipientKind kind : RecipientKind.values()) {
                for (JsonNode facts : new JsonNode[]{FACTS, null}) {
                    Rendered r = renderer.render(input(type, kind, facts, type == NoticeType.ESCALATION ? original() : null));
                    String where = type + "/" + kind + "/" + (facts == null ? "no facts" : "facts");
                    assertFalse(r.title().isBlank(), where);
                    assertFalse(r.body().isBlank(), where);
                    assertFalse(r.document().contains("null"), where + ":\n" + r.document());
                    assertTrue(r.document().startsWith(r.title() + "\n\n县直工委通〔2026〕5号\n\n"), where + ":\n" + r.document());
                    assertTrue(r.document().endsWith("中共XX县直属机关工作委员会\n2026年11月25日"), where);
                    assertTrue(r.body().startsWith("　　"), where + ": every paragraph is indented by two 全角 spaces:\n" + r.body());
                }
            }
        }
    }

    @Test
    void titlesReadLikeCommitteeDocuments() {
        assertEquals("关于2026年10月全县机关党建工作考评情况的通报", title(NoticeType.MONTHLY_BULLETIN, RecipientKind.UNIT));
        assertEquals("关于对县民政局2026年10月机关党建工作予以通报表扬的通报", title(NoticeType.COMMENDATION, RecipientKind.UNIT_SECRETARY));
        assertEquals("关于对县民政局2026年10月机关党建工作予以通报批评的通报", title(NoticeType.CRITICISM, RecipientKind.UNIT_SECRETARY));
        assertEquals("关于约谈县民政局主要负责人的通知", title(NoticeType.INTERVIEW, RecipientKind.PRINCIPAL_LEADER));
        assertEquals("关于对郑华同志进行教育提醒的通知", title(NoticeType.EDUCATION_REMINDER, RecipientKind.MEMBER));
        assertEquals("关于对郑华同志进行诫勉谈话的通知", title(NoticeType.ADMONISHMENT_TALK, RecipientKind.UNIT_SECRETARY));
        assertEquals("关于郑华同志2026年10月学习任务完成情况的提醒", title(NoticeType.STUDY_REMINDER, RecipientKind.MEMBER));
        assertEquals("关于县民政局整改事项即将到期的提醒", title(NoticeType.RECTIFICATION_DUE, RecipientKind.UNIT_SECRETARY));
        assertEquals("关于县民政局整改事项逾期未完成的通报", title(NoticeType.RECTIFICATION_OVERDUE, RecipientKind.COMMITTEE));
        assertEquals("关于县民政局2026年10月机关党建工作考评情况的预警提醒", title(NoticeType.EARLY_WARNING, RecipientKind.UNIT_SECRETARY));
    }

    @Test
    void theBulletinCarriesTheRankingTableInRankOrder() {
        Rendered r = renderer.render(input(NoticeType.MONTHLY_BULLETIN, RecipientKind.UNIT, null, null));
        String body = r.body();
        int first = body.indexOf("第1名　县发展和改革局　95.5分　先进　与上月持平");
        int second = body.indexOf("第2名　县财政局　90分　中间　较上月上升1位");
        // issue 12.4: a unit that submitted nothing is listed after the ranked ones, without rank, score or tier
        int third = body.indexOf("—　县统计局　未报送\n");
        assertFalse(body.contains("第3名"), body);
        assertTrue(first > 0 && second > first && third > second, body);
        assertTrue(body.contains("全县3个县直机关单位"), body);
        assertTrue(body.contains("县统计局未按时报送考评材料，不参加本月排名"), body);
        assertTrue(r.document().contains("各县直机关单位党组（党委）、机关党委（党总支、党支部）："), r.document());
    }

    @Test
    void theBulletinListsTheOverdueRectificationItems() {
        JsonNode facts = CloudEventCodec.toTree(Map.of("overdueRectifications", List.of(
                Map.of("itemId", "R-1", "unitCode", "U7", "unitName", "县林业局", "deadline", "2026-10-31", "description", "党费收缴存在漏缴情况",
                        "source", "巡察"),
                Map.of("itemId", "R-2", "unitCode", "U8", "unitName", "县水利局", "deadline", "2026-11-15", "description", "主题党日流于形式"))));
        String body = renderer.render(input(NoticeType.MONTHLY_BULLETIN, RecipientKind.UNIT, facts, null)).body();
        assertTrue(body.contains("三、整改逾期情况"), body);
        assertTrue(body.contains("1．县林业局：党费收缴存在漏缴情况（巡察），整改期限2026年10月31日"), body);
        assertTrue(body.contains("2．县水利局：主题党日流于形式，整改期限2026年11月15日"), body);
        assertTrue(body.contains("四、工作要求"), body);
        // without overdue items the section is left out and the numbering stays
        String plain = renderer.render(input(NoticeType.MONTHLY_BULLETIN, RecipientKind.UNIT, null, null)).body();
        assertFalse(plain.contains("整改逾期情况"), plain);
        assertTrue(plain.contains("三、工作要求"), plain);
    }

    @Test
    void theReminderSaysHowManyWorkingDaysAreLeft() {
        JsonNode facts = CloudEventCodec.toTree(Map.of("itemId", "R-3", "description", "谈心谈话开展不到位", "source", "督查", "remindWorkingDays", 3));
        String body = renderer.render(new RenderInput(NoticeType.RECTIFICATION_DUE, RecipientKind.UNIT_SECRETARY, "U9", "县民政局", null,
                "R-3", LocalDate.of(2026, 12, 3), facts, "县直工委通〔2026〕9号", "中共XX县直属机关工作委员会", ISSUED, null, null)).body();
        assertTrue(body.contains("整改期限为2026年12月3日，目前距整改期限已不足3个工作日"), body);
    }

    @Test
    void remindersCiteTheFigures() {
        String overdue = renderer.render(input(NoticeType.RECTIFICATION_OVERDUE, RecipientKind.COMMITTEE, FACTS, null)).body();
        assertTrue(overdue.contains("县民政局在巡察中被指出的问题"), overdue);
        assertTrue(overdue.contains("记录不规范”（整改事项编号：R-2026-031），整改期限为2026年12月20日，截至目前仍未完成整改销号"), overdue);
        String study = renderer.render(input(NoticeType.STUDY_REMINDER, RecipientKind.MEMBER, FACTS, null)).body();
        assertTrue(study.contains("完成率为50%，“学习强国”积分35分"), study);
        String criticism = renderer.render(input(NoticeType.CRITICISM, RecipientKind.UNIT_SECRETARY, FACTS, null)).body();
        assertTrue(criticism.contains("考评得分71.46分，在全县56个县直机关单位中排名第12位，位列后进"), criticism);
    }

    @Test
    void secretariesNoticesListTheirMembers() {
        JsonNode listed = CloudEventCodec.toTree(Map.of("members", List.of(
                Map.of("memberId", "M1", "memberName", "郑华", "examScore", 52, "examId", "2026-H2-theory"),
                Map.of("memberId", "M2", "memberName", "钱明", "examScore", 47.5, "examId", "2026-H2-theory"))));
        Rendered branch = renderer.render(input(NoticeType.EDUCATION_REMINDER, RecipientKind.BRANCH_SECRETARY, listed, null));
        assertEquals("关于对郑华、钱明同志进行教育提醒的通知", branch.title());
        assertTrue(branch.body().contains("你支部党员郑华同志（52分）、钱明同志（47.5分）在党的理论知识测试中未达到合格要求"), branch.body());
        Rendered talk = renderer.render(input(NoticeType.ADMONISHMENT_TALK, RecipientKind.UNIT_SECRETARY, listed, null));
        assertTrue(talk.body().contains("你单位郑华同志（52分）、钱明同志（47.5分）连续两次党的理论知识测试未达到合格要求"), talk.body());
        JsonNode twice = CloudEventCodec.toTree(Map.of("examScore", 41, "previousExamScore", 55));
        Rendered own = renderer.render(input(NoticeType.ADMONISHMENT_TALK, RecipientKind.MEMBER, twice, null));
        assertTrue(own.body().contains("郑华同志连续两次党的理论知识测试未达到合格要求（成绩分别为55分、41分）"), own.body());
    }

    @Test
    void aQuarterlyInterviewCitesTheMeanScore() {
        JsonNode poor = CloudEventCodec.toTree(Map.of("reason", "季度考核等次为差", "grade", "POOR", "meanScore", 55.333));
        RenderInput in = new RenderInput(NoticeType.INTERVIEW, RecipientKind.PRINCIPAL_LEADER, "U9", "县民政局", null, "2026-Q3",
                LocalDate.of(2026, 12, 31), poor, "县直工委通〔2026〕8号", "中共XX县直属机关工作委员会", ISSUED, null, null);
        Rendered r = renderer.render(in);
        assertTrue(r.body().startsWith("　　县民政局季度考核等次为差（2026年第三季度平均得分55.33分）"), r.body());
        assertTrue(r.document().contains("县民政局主要负责同志："), r.document());
    }

    /** Issue 16.2: a 后进支部's secretary is told the branch, its place and its three figures, and the deadline. */
    @Test
    void aLaggingBranchSecretaryIsToldTheBranchItsFiguresAndTheDeadline() {
        JsonNode facts = CloudEventCodec.toTree(Map.of("quarter", "2026-Q4", "branchId", "U9-B2", "branchName", "第二党支部", "rank", 9,
                "branchesRanked", 9, "score", 41.5, "tier", "LAGGING", "meetingRegularity", 0.3636, "studyCompletion", 0.5, "examPassRate", 0.5));
        Rendered r = renderer.render(new RenderInput(NoticeType.BRANCH_RECTIFICATION, RecipientKind.BRANCH_SECRETARY, "U9", "县民政局", "郑华",
                "2026-Q4/U9-B2", LocalDate.of(2027, 1, 31), facts, "县直工委通〔2027〕1号", "中共XX县直属机关工作委员会", ISSUED, null, null));
        assertEquals("关于对县民政局第二党支部进行整顿的通知", r.title());
        assertTrue(r.body().contains("对各党支部2026年第四季度党建工作进行了考评。县民政局第二党支部在参评的9个党支部中排名第9位，得分41.5分，被确定为后进支部"), r.body());
        assertTrue(r.body().contains("组织生活开展率36.4%，学习完成率50%，理论测试合格率50%"), r.body());
        assertTrue(r.body().contains("务必于2027年1月31日前完成整顿"), r.body());
    }

    @Test
    void unreadableFactsDoNotBreakRendering() {
        JsonNode odd = CloudEventCodec.toTree(Map.of("deadline", "next week", "score", "n/a", "rankChange", "up", "members", "none"));
        Rendered r = renderer.render(new RenderInput(NoticeType.RECTIFICATION_DUE, RecipientKind.UNIT_SECRETARY, "U9", "县民政局", null,
                "R-1", null, odd, "县直工委通〔2026〕9号", "中共XX县直属机关工作委员会", ISSUED, null, null));
        assertTrue(r.body().contains("整改期限为整改台帐所列日期"), r.body());
    }

    private String title(NoticeType type, RecipientKind kind) {
        return renderer.render(input(type, kind, FACTS, null)).title();
    }

    @Test
    void aSecretaryWhoFailedTooIsRemindedAboutTheirOwnExamAndTheirMembers() {
        JsonNode facts = CloudEventCodec.toTree(Map.of("memberId", "B", "memberName", "郑华", "examScore", 45, "examName", "2026年下半年党的理论知识测试",
                "members", List.of(Map.of("memberId", "M1", "memberName", "钱明", "examScore", 52, "examId", "2026-H2-theory"))));
        Rendered own = renderer.render(input(NoticeType.EDUCATION_REMINDER, RecipientKind.MEMBER, facts, null));
        assertEquals("关于对郑华同志进行教育提醒的通知", own.title());
        assertTrue(own.body().contains("你的成绩为45分"), own.body());
        assertTrue(own.body().contains("同时，你支部党员钱明同志（52分）在党的理论知识测试中未达到合格要求"), own.body());
    }

    /**
     * The copies of a county-wide document share the text rendered for the first (NoticeService, issue 18.4): that holds
     * only while those templates never name the copy's own unit or recipient.
     */
    @Test
    void aCountyWideDocumentReadsTheSameForEveryAddressee() {
        for (NoticeType type : NoticeType.values()) {
            if (!type.countyWide()) {
                continue;
            }
            Rendered first = renderer.render(input(type, RecipientKind.UNIT_SECRETARY, FACTS, null));
            Rendered other = renderer.render(new RenderInput(type, RecipientKind.UNIT, "U7", "县审计局", null, "2026-10",
                    LocalDate.of(2026, 12, 20), FACTS, "县直工委通〔2026〕5号", "中共XX县直属机关工作委员会", ISSUED,
                    type == NoticeType.MONTHLY_BULLETIN || type == NoticeType.CORRECTION_BULLETIN ? RANKING : null, null));
            assertEquals(first, other, type + ": one document, one text for every unit it is sent to");
            assertFalse(first.document().contains("县民政局") || first.document().contains("郑华"), type + ":\n" + first.document());
        }
    }

    private static RenderInput input(NoticeType type, RecipientKind kind, JsonNode facts, RenderInput.EscalatedNotice original) {
        return new RenderInput(type, kind, "U9", "县民政局", kind == RecipientKind.UNIT ? null : "郑华", "2026-10",
                LocalDate.of(2026, 12, 20), facts, "县直工委通〔2026〕5号", "中共XX县直属机关工作委员会", ISSUED,
                type == NoticeType.MONTHLY_BULLETIN || type == NoticeType.CORRECTION_BULLETIN ? RANKING : null, original);
    }

    private static RenderInput.EscalatedNotice original() {
        return new RenderInput.EscalatedNotice("关于对郑华同志进行教育提醒的通知", "县直工委通〔2026〕2号", LocalDate.of(2026, 11, 20),
                RecipientKind.MEMBER, "县民政局", "郑华", 3, null, null, null, null);
    }
}
