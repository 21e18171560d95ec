package cn.partybuilding.assessment.events;

import cn.partybuilding.assessment.bonus.Bonus;
import cn.partybuilding.assessment.bonus.BonusGranted;
import cn.partybuilding.assessment.bonus.BonusService;
import cn.partybuilding.assessment.indicator.ActivityType;
import cn.partybuilding.assessment.indicator.IndicatorSystem;
import cn.partybuilding.assessment.indicator.IndicatorSystemPublished;
import cn.partybuilding.assessment.organisation.Member;
import cn.partybuilding.assessment.organisation.MemberChanged;
import cn.partybuilding.assessment.organisation.OrganizationRegistered;
import cn.partybuilding.assessment.organisation.PartyOrganization;
import cn.partybuilding.assessment.organisation.Unit;
import cn.partybuilding.assessment.organisation.UnitRegistered;
import cn.partybuilding.assessment.period.PeriodChange;
import cn.partybuilding.assessment.period.PeriodChangeRow;
import cn.partybuilding.assessment.rectification.Finding;
import cn.partybuilding.assessment.rectification.FindingRaised;
import cn.partybuilding.assessment.rectification.RectificationChanged;
import cn.partybuilding.assessment.rectification.RectificationItem;
import cn.partybuilding.assessment.scoring.AssessmentRecorded;
import cn.partybuilding.assessment.scoring.AssessmentRevisionRow;
import cn.partybuilding.assessment.scoring.AssessmentRow;
import cn.partybuilding.assessment.study.CompletionRecord;
import cn.partybuilding.assessment.study.ExamGraded;
import cn.partybuilding.assessment.study.ExamRecord;
import cn.partybuilding.assessment.study.PlatformPointsRecorded;
import cn.partybuilding.assessment.study.PointsRecord;
import cn.partybuilding.assessment.study.StudyCompleted;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.local.AsyncApiContract;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every payload record, built from a fully filled domain object the way the services build it, serialises to exactly
 * what asyncapi.yaml describes (no field the contract does not name). Fast and broker-free; EventContractTest proves
 * the same through Kafka. The REST types are other records, so a field added to the API cannot reach an event.
 */
class PayloadContractTest {
    private static final AsyncApiContract CONTRACT = AsyncApiContract.load();

    @Test
    void everyPayloadBuiltFromItsDomainObjectConformsToTheContract() {
        Map<String, Object> payloads = new LinkedHashMap<>();
        Unit unit = new Unit();
        unit.unitCode = "U001";
        unit.name = "县委办公室";
        unit.category = "党政机关";
        payloads.put(EventTypes.UNIT_REGISTERED, UnitRegistered.of(unit));

        PartyOrganization org = new PartyOrganization();
        org.organizationId = "U001-ZB1";
        org.unitCode = "U001";
        org.parentId = "U001-JGDW";
        org.kind = PartyOrganization.Kind.BRANCH;
        org.name = "第一党支部";
        payloads.put(EventTypes.ORGANIZATION_REGISTERED, OrganizationRegistered.of(org));

        Member member = new Member();
        member.memberId = "U001-001";
        member.unitCode = "U001";
        member.organizationId = "U001-ZB1";
        member.name = "王伟";
        member.rank = Member.Rank.SECTION_OR_BELOW;
        member.role = Member.Role.SECRETARY;
        member.email = "wangwei@example.cn";
        member.active = true;
        member.effectiveFrom = java.time.LocalDate.of(2026, 3, 1);
        member.revision = 1;
        payloads.put(EventTypes.MEMBER_REGISTERED, MemberChanged.of(member));
        member.organizationId = null;
        member.email = null;
        member.active = false;
        member.effectiveFrom = java.time.LocalDate.of(2026, 9, 10);
        member.revision = 2;
        payloads.put(EventTypes.MEMBER_UPDATED, MemberChanged.of(member));

        IndicatorSystem system = new IndicatorSystem(2026, 2, new BigDecimal("5.00"), new BigDecimal("60.00"),
                List.of(new IndicatorSystem.Dimension("IDE", "思想建设", new BigDecimal("100.00"), List.of(
                        new IndicatorSystem.Indicator("IDE-1", "学习完成率", new BigDecimal("50.00"), IndicatorSystem.Kind.STUDY_RATE,
                                List.of(ActivityType.WEEKLY_STUDY), null),
                        new IndicatorSystem.Indicator("IDE-2", "学习强国积分", new BigDecimal("30.00"), IndicatorSystem.Kind.PLATFORM_POINTS,
                                null, new BigDecimal("600.00")),
                        new IndicatorSystem.Indicator("IDE-3", "理论学习", new BigDecimal("20.00"), IndicatorSystem.Kind.MANUAL, null, null)))),
                List.of(new IndicatorSystem.StudyPlanEntry(ActivityType.WEEKLY_STUDY, IndicatorSystem.Frequency.WEEKLY,
                        IndicatorSystem.Attendees.ALL_MEMBERS)));
        payloads.put(EventTypes.INDICATOR_SYSTEM_PUBLISHED, IndicatorSystemPublished.of(system));

        AssessmentRow score = new AssessmentRow();
        score.assessmentId = "a-1";
        score.unitCode = "U001";
        score.indicatorCode = "IDE-3";
        score.period = "2026-03";
        score.systemYear = 2026;
        score.systemVersion = 2;
        AssessmentRevisionRow first = revision(1, "18.50", null, null);
        payloads.put(EventTypes.ASSESSMENT_RECORDED, AssessmentRecorded.of(score, first));
        payloads.put(EventTypes.ASSESSMENT_CORRECTED, AssessmentRecorded.of(score, revision(2, "17.00", "18.50", "复核")));

        Finding finding = new Finding();
        finding.findingId = "f-1";
        finding.unitCode = "U001";
        finding.period = "2026-03";
        finding.deductionPoints = new BigDecimal("1.50");
        finding.source = "巡察";
        finding.description = "谈心谈话记录缺失";
        RectificationItem item = new RectificationItem();
        item.itemId = "r-1";
        item.findingId = "f-1";
        item.unitCode = "U001";
        item.description = finding.description;
        item.deadline = LocalDate.of(2026, 4, 30);
        item.status = RectificationItem.Status.OVERDUE;
        payloads.put(EventTypes.FINDING_RAISED, FindingRaised.of(finding, item));
        payloads.put(EventTypes.RECTIFICATION_OVERDUE, RectificationChanged.of(item));
        item.status = RectificationItem.Status.OPEN;
        payloads.put(EventTypes.RECTIFICATION_DUE_SOON, RectificationChanged.of(item, "巡察", 3));
        item.status = RectificationItem.Status.SUBMITTED;
        item.submittedOn = LocalDate.of(2026, 5, 2);
        item.evidence = "已补齐记录";
        payloads.put(EventTypes.RECTIFICATION_SUBMITTED, RectificationChanged.of(item, "巡察", null));
        item.status = RectificationItem.Status.OVERDUE;
        item.returnReason = "缺签到表";
        payloads.put(EventTypes.RECTIFICATION_RETURNED, RectificationChanged.of(item, "巡察", null));
        item.status = RectificationItem.Status.CLOSED;
        item.closedOn = LocalDate.of(2026, 5, 6);
        item.evidence = "已补齐记录";
        payloads.put(EventTypes.RECTIFICATION_CLOSED, RectificationChanged.of(item));

        payloads.put(EventTypes.BONUS_GRANTED, BonusGranted.of(bonus()));

        PeriodChangeRow lock = new PeriodChangeRow();
        lock.period = "2026-03";
        lock.changedBy = "工委";
        payloads.put(EventTypes.PERIOD_LOCKED, PeriodChange.of(lock));
        lock.reason = "更正评分";
        payloads.put(EventTypes.PERIOD_REOPENED, PeriodChange.of(lock));

        payloads.put(EventTypes.STUDY_COMPLETED, StudyCompleted.of(new CompletionRecord("U001-001", "U001", ActivityType.WEEKLY_STUDY,
                LocalDate.of(2026, 3, 2), 45)));
        payloads.put(EventTypes.EXAM_GRADED, ExamGraded.of(new ExamRecord("U001-001", "U001", "2026-H1", LocalDate.of(2026, 3, 3),
                new BigDecimal("75.00"), new BigDecimal("60.00"), true)));
        payloads.put(EventTypes.PLATFORM_POINTS_RECORDED, PlatformPointsRecorded.of(new PointsRecord("U001-001", "U001",
                LocalDate.of(2026, 3, 4), 35)));
        // issue 16.1: a meeting with an attendee and an absentee, an attendee's completion and a withdrawal
        cn.partybuilding.assessment.meeting.MeetingView meeting = new cn.partybuilding.assessment.meeting.MeetingView("m-1", 2, "U001", "U001-ZB1",
                ActivityType.ORGANISATION_LIFE_MEETING, LocalDate.of(2026, 3, 20), "年度组织生活会", 120, "会议记录", List.of("U001-001"),
                List.of(new cn.partybuilding.assessment.meeting.MeetingRequest.Absence("U001-002", "出差")), "/assessment-service", "书记",
                java.time.OffsetDateTime.now(), java.time.OffsetDateTime.now());
        payloads.put(EventTypes.MEETING_RECORDED, cn.partybuilding.assessment.meeting.MeetingHeld.of(meeting));
        payloads.put(EventTypes.MEETING_REVISED, cn.partybuilding.assessment.meeting.MeetingHeld.of(meeting));
        payloads.put(EventTypes.STUDY_WITHDRAWN, new cn.partybuilding.assessment.study.StudyWithdrawn("U001-002", "U001",
                ActivityType.ORGANISATION_LIFE_MEETING, LocalDate.of(2026, 3, 20), "m-1"));
        // issue 16.3: a 责任清单 item added, changed, checked off (one schema for the three)
        payloads.put(EventTypes.RESPONSIBILITY_ITEM_ADDED, new cn.partybuilding.assessment.responsibility.ResponsibilityItemChanged("d-1", "U001", 2026,
                "BRANCH", "U001-ZB1", "IMPLEMENTATION", "U001-001", "推进支部标准化建设", LocalDate.of(2026, 6, 30), "OPEN", null, null, null, 1));
        payloads.put(EventTypes.RESPONSIBILITY_ITEM_CHANGED, new cn.partybuilding.assessment.responsibility.ResponsibilityItemChanged("d-1", "U001", 2026,
                "UNIT", null, "OVERALL", "U001-001", "党组书记履行第一责任人职责", LocalDate.of(2026, 6, 30), "OPEN", null, null, null, 2));
        payloads.put(EventTypes.RESPONSIBILITY_ITEM_CHECKED_OFF, new cn.partybuilding.assessment.responsibility.ResponsibilityItemChanged("d-1", "U001", 2026,
                "UNIT", null, "OVERALL", "U001-001", "党组书记履行第一责任人职责", LocalDate.of(2026, 6, 30), "DONE", LocalDate.of(2026, 6, 20),
                "党组会议纪要", "书记", 3));
        List<String> meetingCompletion = CONTRACT.violations(EventTypes.STUDY_COMPLETED, CloudEventCodec.toTree(StudyCompleted.ofMeeting(
                new CompletionRecord("U001-001", "U001", ActivityType.ORGANISATION_LIFE_MEETING, LocalDate.of(2026, 3, 20), 120), "m-1")));
        assertEquals(List.of(), meetingCompletion, "an attendee's completion carries meetingId");

        List<String> problems = new ArrayList<>();
        payloads.forEach((type, payload) -> CONTRACT.violations(type, CloudEventCodec.toTree(payload))
                .forEach(v -> problems.add(type + " (" + payload.getClass().getSimpleName() + "): " + v)));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(25, payloads.size(), "one payload per event type the service publishes");
    }

    @Test
    void theRestBodyOfABonusCarriesFieldsTheContractDoesNotHaveSoOnlyThePayloadRecordMayBePublished() {
        Bonus bonus = bonus();
        BonusService.BonusView rest = new BonusService.BonusView(bonus.bonusId, bonus.unitCode, bonus.period, bonus.requestedPoints,
                bonus.points, true, BigDecimal.ZERO, bonus.reason);
        List<String> leaked = CONTRACT.violations(EventTypes.BONUS_GRANTED, CloudEventCodec.toTree(rest));
        assertTrue(leaked.stream().anyMatch(v -> v.contains("requestedPoints")), leaked.toString());
        assertTrue(leaked.stream().anyMatch(v -> v.contains("remainingThisYear")), leaked.toString());

        JsonNode payload = CloudEventCodec.toTree(BonusGranted.of(bonus));
        assertEquals(List.of(), CONTRACT.violations(EventTypes.BONUS_GRANTED, payload));
        assertEquals(List.of("bonusId", "unitCode", "period", "points", "reason"), names(payload));
        assertEquals(0, new BigDecimal("3").compareTo(payload.get("points").decimalValue()), "the points granted after the cap, not those asked for");
    }

    private static Bonus bonus() {
        Bonus bonus = new Bonus();
        bonus.bonusId = "b-1";
        bonus.unitCode = "U001";
        bonus.period = "2026-03";
        bonus.year = 2026;
        bonus.requestedPoints = new BigDecimal("4.00");
        bonus.points = new BigDecimal("3.00");
        bonus.reason = "市级表彰";
        return bonus;
    }

    private static AssessmentRevisionRow revision(int number, String score, String previous, String reason) {
        AssessmentRevisionRow revision = new AssessmentRevisionRow();
        revision.key = new AssessmentRevisionRow.Key("a-1", number);
        revision.score = new BigDecimal(score);
        revision.previousScore = previous == null ? null : new BigDecimal(previous);
        revision.reason = reason;
        revision.assessor = "考核组";
        revision.evidence = number == 1 ? null : "复核记录";
        return revision;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
