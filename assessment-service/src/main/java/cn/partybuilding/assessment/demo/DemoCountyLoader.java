package cn.partybuilding.assessment.demo;

import cn.partybuilding.assessment.bonus.BonusService;
import cn.partybuilding.assessment.common.AssessmentConfig;
import cn.partybuilding.assessment.indicator.ActivityType;
import cn.partybuilding.assessment.indicator.IndicatorSystem;
import cn.partybuilding.assessment.indicator.IndicatorSystemService;
import cn.partybuilding.assessment.meeting.MeetingRequest;
import cn.partybuilding.assessment.meeting.MeetingService;
import cn.partybuilding.assessment.organisation.Member;
import cn.partybuilding.assessment.organisation.MemberImportService;
import cn.partybuilding.assessment.organisation.MemberState;
import cn.partybuilding.assessment.organisation.OrganisationService;
import cn.partybuilding.assessment.organisation.OrganizationView;
import cn.partybuilding.assessment.organisation.PartyOrganization;
import cn.partybuilding.assessment.organisation.Unit;
import cn.partybuilding.assessment.organisation.UnitView;
import cn.partybuilding.assessment.period.PeriodService;
import cn.partybuilding.assessment.rectification.RectificationService;
import cn.partybuilding.assessment.responsibility.ResponsibilityItem;
import cn.partybuilding.assessment.responsibility.ResponsibilityService;
import cn.partybuilding.assessment.scoring.AssessmentService;
import cn.partybuilding.assessment.study.ExamRecord;
import cn.partybuilding.assessment.study.PointsRecord;
import cn.partybuilding.assessment.study.CompletionRecord;
import cn.partybuilding.assessment.study.StudyKinds;
import cn.partybuilding.assessment.study.StudyStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Loads a realistic county (assessment.demo.enabled, on in the local stack) when the registry is empty, through the
 * domain services so every event goes out: 40 units with their party organisations and 20–60 members each, the 2026
 * indicator system, scores for 2026-08..10 (two units without October scores), study completions, exam results,
 * 学习强国 points, findings (one overdue, one closed), bonuses (one capped), and 2026-08 .. 2026-10 locked: a month is
 * published only once locked (frozen months), and the local stack publishes the three so the demo shows a published October.
 */
@ApplicationScoped
public class DemoCountyLoader {
    private static final Logger LOG = Logger.getLogger(DemoCountyLoader.class);
    private static final String[] ORDINALS = {"第一", "第二", "第三", "第四"};
    private static final YearMonth[] MONTHS = {YearMonth.of(2026, 8), YearMonth.of(2026, 9), YearMonth.of(2026, 10)};
    /** Units left without October scores, so the ranking shows NOT_SUBMITTED. */
    static final int UNSUBMITTED_IN_OCTOBER = 2;

    @Inject
    AssessmentConfig config;
    @Inject
    OrganisationService organisation;
    @Inject
    MemberImportService members;
    @Inject
    IndicatorSystemService indicators;
    @Inject
    AssessmentService assessments;
    @Inject
    PeriodService periods;
    @Inject
    RectificationService rectification;
    @Inject
    BonusService bonuses;
    @Inject
    ResponsibilityService responsibility;
    @Inject
    StudyStore study;
    @Inject
    MeetingService meetings;

    public record Summary(int units, int organizations, int members, int scores, int completions, int exams, int failedExams,
                          int pointRecords, int findings, int bonuses, int meetings, long millis) {
    }

    private record DemoUnit(String code, String name, double quality, double studyRate, List<MemberState> members, int organizations) {
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.demo().enabled()) {
            return;
        }
        if (QuarkusTransaction.requiringNew().call(() -> Unit.count()) > 0) {
            LOG.info("demo county: the registry already has units, nothing loaded");
            return;
        }
        load();
    }

    public Summary load() {
        long start = System.nanoTime();
        Random random = new Random(2026);
        List<DemoUnit> units = new ArrayList<>();
        int organizations = 0;
        List<MemberState> roster = new ArrayList<>();
        for (int u = 0; u < DemoCounty.UNITS.length; u++) {
            // one transaction per unit (the services join it): fewer commits, same events
            int index = u;
            DemoUnit unit = QuarkusTransaction.requiringNew().call(() -> registerUnit(index, random));
            units.add(unit);
            roster.addAll(unit.members());
            organizations += unit.organizations();
        }
        QuarkusTransaction.requiringNew().run(() -> members.store(roster));
        long registry = System.nanoTime();

        IndicatorSystem system = indicators.define(DemoCounty.YEAR, DemoCounty.system2026());

        int completions = 0;
        int pointRecords = 0;
        for (YearMonth month : MONTHS) {
            completions += study.store(StudyKinds.COMPLETION, completions(units, month, random), month.toString(), "completions[%d].").size();
            pointRecords += study.store(StudyKinds.POINTS, points(units, month, random), month.toString(), "points[%d].").size();
        }
        List<ExamRecord> exams = exams(units, random);
        int failed = (int) study.store(StudyKinds.EXAM, exams, "2026-09", "results[%d].").stream().filter(o -> !o.record().passed()).count();
        int meetingCount = 0;
        for (YearMonth month : MONTHS) {
            meetingCount += meetings(units, month, random);
        }
        long studied = System.nanoTime();

        int scores = 0;
        for (YearMonth month : MONTHS) {
            scores += QuarkusTransaction.requiringNew().call(() -> scoreMonth(units, month, random));
        }

        long scored = System.nanoTime();
        int findings = findings(units);
        int granted = bonuses(units);
        int duties = QuarkusTransaction.requiringNew().call(() -> responsibilityLists(units));
        LOG.infof("demo county: %d 责任清单 items (units %s .. %s; some done, some open)", duties, units.get(0).code(), units.get(5).code());
        periods.lock("2026-08", "县直机关工委");
        periods.lock("2026-09", "县直机关工委");
        periods.lock("2026-10", "县直机关工委");

        Summary summary = new Summary(units.size(), organizations, roster.size(), scores, completions, exams.size(), failed, pointRecords,
                findings, granted, meetingCount, (System.nanoTime() - start) / 1_000_000);
        LOG.infof("demo county loaded in %,d ms: %d units, %d party organisations, %,d members, indicator system %d v%d, %,d scores "
                        + "(2026-08..10; %d units without October scores), %,d study completions, %d exam results (%d failed), "
                        + "%,d 学习强国 point records, %d findings, %d bonuses, %d meetings; 2026-08 .. 2026-10 locked"
                + " (registry %,d ms, study %,d ms, scores %,d ms)",
                summary.millis(), summary.units(), summary.organizations(), summary.members(), system.year(), system.version(), summary.scores(),
                UNSUBMITTED_IN_OCTOBER, summary.completions(), summary.exams(), summary.failedExams(), summary.pointRecords(),
                summary.findings(), summary.bonuses(), summary.meetings(), (registry - start) / 1_000_000, (studied - registry) / 1_000_000,
                (scored - studied) / 1_000_000);
        return summary;
    }

    /** A unit, its 机关党委, branches and groups, and its (not yet stored) members. Runs inside the caller's transaction. */
    private DemoUnit registerUnit(int u, Random random) {
        String code = DemoCounty.unitCode(u);
        String name = DemoCounty.UNITS[u][0];
        organisation.registerUnit(new UnitView(code, name, DemoCounty.UNITS[u][1]));
        int organizations = 0;
        String committee = organisation.registerOrganization(new OrganizationView(code + "-JGDW", code, null,
                PartyOrganization.Kind.ORGANS_COMMITTEE, name + "机关党委")).organizationId();
        organizations++;
        List<String> cells = new ArrayList<>();
        int branches = 1 + random.nextInt(3);
        for (int b = 0; b < branches; b++) {
            String branch = organisation.registerOrganization(new OrganizationView(code + "-ZB" + (b + 1), code, committee,
                    PartyOrganization.Kind.BRANCH, name + ORDINALS[b] + "党支部")).organizationId();
            organizations++;
            int groups = 1 + random.nextInt(2);
            for (int g = 0; g < groups; g++) {
                cells.add(organisation.registerOrganization(new OrganizationView(branch + "-XZ" + (g + 1), code, branch,
                        PartyOrganization.Kind.GROUP, ORDINALS[b] + "党支部" + ORDINALS[g] + "党小组")).organizationId());
                organizations++;
            }
        }
        List<MemberState> unitMembers = new ArrayList<>();
        int size = 20 + random.nextInt(41);
        int deputies = 2 + random.nextInt(4);
        for (int m = 0; m < size; m++) {
            Member.Role role = m == 0 ? Member.Role.PRINCIPAL_LEADER : m == 1 ? Member.Role.SECRETARY
                    : m <= 4 ? Member.Role.COMMITTEE_MEMBER : Member.Role.MEMBER;
            Member.Rank rank = m < deputies ? Member.Rank.DEPUTY_DIVISION_OR_ABOVE
                    : random.nextInt(20) == 0 ? Member.Rank.OTHER : Member.Rank.SECTION_OR_BELOW;
            String memberId = String.format("%s-%03d", code, m + 1);
            // members since the start of the demo year, so that every month of it counts them (roster as of the month)
            unitMembers.add(new MemberState(memberId, code, cells.get(m % cells.size()), DemoCounty.name(random), rank, role,
                    memberId.toLowerCase() + "@demo-county.gov.cn", true).effectiveFrom(LocalDate.of(DemoCounty.YEAR, 1, 1)));
        }
        return new DemoUnit(code, name, 0.70 + 0.28 * random.nextDouble(), 0.55 + 0.45 * random.nextDouble(), unitMembers, organizations);
    }

    /** The month's scores of every MANUAL indicator, in one transaction; the last units get none in October. */
    private int scoreMonth(List<DemoUnit> units, YearMonth month, Random random) {
        int scores = 0;
        for (int u = 0; u < units.size(); u++) {
            if (month.getMonthValue() == 10 && u >= units.size() - UNSUBMITTED_IN_OCTOBER) {
                continue;
            }
            DemoUnit unit = units.get(u);
            for (IndicatorSystem.Indicator indicator : DemoCounty.manualIndicators()) {
                double share = Math.max(0.45, Math.min(1.0, unit.quality() + random.nextGaussian() * 0.06));
                BigDecimal score = indicator.maxPoints().multiply(BigDecimal.valueOf(share)).multiply(BigDecimal.valueOf(2))
                        .setScale(0, RoundingMode.HALF_UP).divide(BigDecimal.valueOf(2), 2, RoundingMode.UNNECESSARY);
                assessments.record(new AssessmentService.ScoreRequest(unit.code(), indicator.code(), month.toString(), score,
                        "台账资料和现场检查（" + month + "）"), "县直机关工委考核组");
                scores++;
            }
        }
        return scores;
    }

    /** Each required activity of the plan in the month, done by each member with the unit's rate give or take. */
    private static List<CompletionRecord> completions(List<DemoUnit> units, YearMonth month, Random random) {
        List<LocalDate> fridays = new ArrayList<>();
        for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
            if (d.getDayOfWeek() == DayOfWeek.FRIDAY) {
                fridays.add(d);
            }
        }
        List<CompletionRecord> rows = new ArrayList<>();
        for (DemoUnit unit : units) {
            for (MemberState member : unit.members()) {
                double rate = Math.max(0.3, Math.min(1.0, unit.studyRate() + (random.nextDouble() - 0.5) * 0.25));
                List<Object[]> due = new ArrayList<>();
                fridays.forEach(f -> due.add(new Object[]{ActivityType.WEEKLY_STUDY, f}));
                due.add(new Object[]{ActivityType.MONTHLY_DISCUSSION, month.atDay(15)});
                due.add(new Object[]{ActivityType.THEME_DAY, month.atDay(10)});
                due.add(new Object[]{ActivityType.GROUP_MEETING, month.atDay(20)});
                if (member.role() != Member.Role.MEMBER) {
                    due.add(new Object[]{ActivityType.BRANCH_COMMITTEE, month.atDay(5)});
                }
                if (month.getMonthValue() == 9) {
                    due.add(new Object[]{ActivityType.BRANCH_ASSEMBLY, month.atDay(25)});
                }
                if (month.getMonthValue() != 9) {
                    due.add(new Object[]{ActivityType.QUARTERLY_LECTURE, month.atDay(month.getMonthValue() == 8 ? 21 : 23)});
                }
                for (Object[] d : due) {
                    if (random.nextDouble() < rate) {
                        rows.add(new CompletionRecord(member.memberId(), unit.code(), (ActivityType) d[0], (LocalDate) d[1], 60 + 15 * random.nextInt(5)));
                    }
                }
            }
        }
        return rows;
    }

    private static final String[] ABSENCE_REASONS = {"出差", "病假", "事假", "外出培训", "值班"};

    /**
     * Issue 16.1: meetings recorded by each unit's secretary, so the demo shows meetings whose attendance became completions:
     * each branch's 党课 (August, October) or 组织生活会 (September), and the 机关党委's 理论中心组学习 of the unit's leaders
     * every month. Kinds the generated completions do not have, so every attendee's completion is the meeting's.
     */
    private int meetings(List<DemoUnit> units, YearMonth month, Random random) {
        int count = 0;
        for (DemoUnit unit : units) {
            String recorder = unit.members().stream().filter(m -> m.role() == Member.Role.SECRETARY).map(MemberState::name).findFirst().orElse("支部书记");
            Map<String, List<MemberState>> byBranch = new java.util.TreeMap<>();
            for (MemberState m : unit.members()) {
                byBranch.computeIfAbsent(m.organizationId().substring(0, m.organizationId().lastIndexOf("-XZ")), b -> new ArrayList<>()).add(m);
            }
            boolean september = month.getMonthValue() == 9;
            for (Map.Entry<String, List<MemberState>> branch : byBranch.entrySet()) {
                MeetingRequest request = attendance(branch.getKey(), september ? ActivityType.ORGANISATION_LIFE_MEETING : ActivityType.PARTY_LECTURE,
                        month.atDay(september ? 18 : 26), september ? "召开年度组织生活会，开展批评和自我批评" : "书记讲党课：深入学习贯彻党的创新理论",
                        september ? 150 : 90, branch.getValue(), unit.studyRate(), random);
                meetings.record(request, recorder, code -> true);
                count++;
            }
            List<MemberState> leaders = unit.members().stream().filter(m -> m.role() != Member.Role.MEMBER).toList();
            meetings.record(attendance(unit.code() + "-JGDW", ActivityType.CENTRAL_GROUP_STUDY, month.atDay(8),
                    "理论学习中心组专题学习（" + month.getMonthValue() + "月）", 120, leaders, 0.9, random), recorder, code -> true);
            count++;
        }
        return count;
    }

    private static MeetingRequest attendance(String organizationId, ActivityType kind, LocalDate date, String topic, int duration,
                                             List<MemberState> people, double rate, Random random) {
        List<String> attendees = new ArrayList<>();
        List<MeetingRequest.Absence> absentees = new ArrayList<>();
        for (MemberState m : people) {
            if (attendees.isEmpty() || random.nextDouble() < Math.max(0.6, rate)) {
                attendees.add(m.memberId());
            } else {
                absentees.add(new MeetingRequest.Absence(m.memberId(), ABSENCE_REASONS[random.nextInt(ABSENCE_REASONS.length)]));
            }
        }
        return new MeetingRequest(organizationId, kind, date, topic, duration, "会议记录：" + topic + "。", attendees, absentees);
    }

    /** 学习强国: points on six days of the month, more in units that study more. */
    private static List<PointsRecord> points(List<DemoUnit> units, YearMonth month, Random random) {
        List<PointsRecord> rows = new ArrayList<>();
        for (DemoUnit unit : units) {
            for (MemberState member : unit.members()) {
                for (int day = 1; day <= 26; day += 5) {
                    int points = (int) Math.round(40 + 100 * unit.studyRate() * random.nextDouble());
                    rows.add(new PointsRecord(member.memberId(), unit.code(), month.atDay(day), points));
                }
            }
        }
        return rows;
    }

    /** The second-half closed-book theory test of cadres at deputy-division level and above; a few fail. */
    private static List<ExamRecord> exams(List<DemoUnit> units, Random random) {
        List<ExamRecord> rows = new ArrayList<>();
        for (DemoUnit unit : units) {
            for (MemberState member : unit.members()) {
                if (member.rank() == Member.Rank.DEPUTY_DIVISION_OR_ABOVE) {
                    int score = random.nextInt(100) < 6 ? 42 + random.nextInt(17) : 62 + random.nextInt(37);
                    rows.add(new ExamRecord(member.memberId(), unit.code(), "2026-H2-theory", LocalDate.of(2026, 9, 26),
                            BigDecimal.valueOf(score), null, null));
                }
            }
        }
        return rows;
    }

    private int findings(List<DemoUnit> units) {
        Object[][] findings = {
                {3, "2026-08", "2", "巡察", "“三会一课”记录不规范，部分支部会议记录缺失", LocalDate.of(2026, 12, 31)},
                {11, "2026-08", "1.5", "督查", "意识形态工作专题研究次数不足", LocalDate.of(2026, 12, 15)},
                {17, "2026-09", "3", "巡察", "党费收缴存在漏缴、迟缴情况", LocalDate.of(2026, 10, 31)},
                {22, "2026-09", "1", "督查", "主题党日活动流于形式", LocalDate.of(2026, 12, 20)},
                {29, "2026-10", "2", "巡察", "学习强国积分普遍偏低，个别同志主动性不足", LocalDate.of(2026, 12, 31)},
                {33, "2026-10", "1", "督查", "谈心谈话开展不到位", LocalDate.of(2027, 1, 15)},
        };
        java.util.Map<Integer, String> items = new java.util.HashMap<>();
        for (Object[] f : findings) {
            var raised = rectification.raise(new RectificationService.FindingRequest(units.get((Integer) f[0]).code(), (String) f[1],
                    new BigDecimal((String) f[2]), (String) f[3], (String) f[4], (LocalDate) f[5]));
            items.put((Integer) f[0], raised.rectificationItemId());
        }
        // the ledger in every state (销号 in two steps): unit 22 closed (submitted, confirmed), unit 11 waiting for the
        // committee (SUBMITTED), unit 3 returned with a reason (OPEN again), unit 17 OVERDUE, units 29 and 33 OPEN
        String demoSecretary = "demo-loader";
        rectification.submit(items.get(22), new RectificationService.SubmitRequest("已制定主题党日年度计划并按月开展，附活动记录",
                LocalDate.of(2026, 11, 10)), unit -> true, demoSecretary);
        rectification.confirm(items.get(22), demoSecretary);
        rectification.submit(items.get(11), new RectificationService.SubmitRequest("党组已专题研究意识形态工作两次，附会议纪要",
                LocalDate.of(2026, 11, 20)), unit -> true, demoSecretary);
        rectification.submit(items.get(3), new RectificationService.SubmitRequest("已补记支部会议记录", LocalDate.of(2026, 11, 5)),
                unit -> true, demoSecretary);
        rectification.returnSubmission(items.get(3), new RectificationService.ReturnRequest("补记的会议记录缺少参会人员签到，请补充原始签到表后重新提交"),
                demoSecretary);
        return findings.length;
    }

    /**
     * 责任清单 of 2026 for the first six units (issue 16.3): the party group's (党组书记负总责), the 机关党委's (推进落实) and the
     * first branch's (一岗双责, 分工负责); the items due in August–October are done (checked off by the unit's secretary with
     * evidence) except at every third unit, the ones due in November and December are open. The demo's 2026 indicator system
     * has no RESPONSIBILITY_LIST indicator, so the published figures do not change.
     */
    private int responsibilityLists(List<DemoUnit> units) {
        int added = 0;
        for (int u = 0; u < 6; u++) {
            DemoUnit unit = units.get(u);
            String leader = unit.members().get(0).memberId();
            String secretary = unit.members().get(1).memberId();
            String committeeMember = unit.members().get(2).memberId();
            Object[][] items = {
                    {ResponsibilityItem.Level.UNIT, null, ResponsibilityItem.DutyKind.OVERALL, leader,
                            "党组书记履行全面从严治党第一责任人职责，每季度专题研究党建工作", LocalDate.of(2026, 9, 30), LocalDate.of(2026, 9, 26)},
                    {ResponsibilityItem.Level.UNIT, null, ResponsibilityItem.DutyKind.ASSIGNED, committeeMember,
                            "班子成员落实分管领域党建工作，年内到分管科室讲党课一次", LocalDate.of(2026, 12, 31), null},
                    {ResponsibilityItem.Level.ORGANS_COMMITTEE, unit.code() + "-JGDW", ResponsibilityItem.DutyKind.IMPLEMENTATION, secretary,
                            "机关党委推进落实“三会一课”制度，按月检查各支部会议记录", LocalDate.of(2026, 10, 31), LocalDate.of(2026, 10, 28)},
                    {ResponsibilityItem.Level.BRANCH, unit.code() + "-ZB1", ResponsibilityItem.DutyKind.DUAL, committeeMember,
                            "支部委员落实一岗双责，开展谈心谈话全覆盖", LocalDate.of(2026, 8, 31), LocalDate.of(2026, 8, 25)},
                    {ResponsibilityItem.Level.BRANCH, unit.code() + "-ZB1", ResponsibilityItem.DutyKind.ASSIGNED, secretary,
                            "支部标准化规范化建设达标验收", LocalDate.of(2026, 11, 30), null},
            };
            String checker = unit.members().get(1).name();
            for (Object[] i : items) {
                var item = responsibility.add(new ResponsibilityService.NewItem(unit.code(), DemoCounty.YEAR, (ResponsibilityItem.Level) i[0],
                        (String) i[1], (ResponsibilityItem.DutyKind) i[2], (String) i[3], (String) i[4], (LocalDate) i[5]), code -> true);
                added++;
                if (i[6] != null && (u % 3 != 2 || i[0] == ResponsibilityItem.Level.UNIT)) {
                    responsibility.checkOff(item.itemId(), new ResponsibilityService.CheckOff("会议纪要及工作台账已归档（" + i[6] + "）",
                            (LocalDate) i[6]), checker, code -> true);
                }
            }
        }
        return added;
    }

    private int bonuses(List<DemoUnit> units) {
        Object[][] grants = {
                {0, "2026-08", "3", "获评全市机关党建工作示范点"},
                {0, "2026-10", "3", "党建经验做法被省委组织部刊物推广"},   // only 2 of 3 fit under the cap of 5
                {9, "2026-09", "2", "获评市级先进基层党组织"},
                {14, "2026-10", "1.5", "“我为群众办实事”项目获县委通报表扬"},
                {25, "2026-09", "1", "支部书记获评优秀党务工作者"},
        };
        for (Object[] g : grants) {
            bonuses.grant(new BonusService.BonusRequest(units.get((Integer) g[0]).code(), (String) g[1], new BigDecimal((String) g[2]), (String) g[3]));
        }
        return grants.length;
    }
}
