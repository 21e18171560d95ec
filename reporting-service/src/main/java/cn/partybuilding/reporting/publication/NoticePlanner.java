package cn.partybuilding.reporting.publication;

import cn.partybuilding.reporting.publication.NoticeRequest.Recipient;
import cn.partybuilding.reporting.scoring.Enums.Tier;
import cn.partybuilding.reporting.scoring.IndicatorSystem;
import cn.partybuilding.reporting.scoring.MemberExam;
import cn.partybuilding.reporting.scoring.MemberFacts;
import cn.partybuilding.reporting.scoring.MonthlyScorer;
import cn.partybuilding.reporting.scoring.NotSubmittedUnit;
import cn.partybuilding.reporting.scoring.RankedUnit;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides who gets which notice (SPEC "Notices"); plain logic, no framework. Requests with the same noticeKey
 * (type|recipient|period) are merged into one (notification-service rejects any noticeKey other than
 * type|recipient.id|period and keeps one notice per key).
 * <p>
 * Exam notices (issue 16.6) are planned one failure at a time when the result arrives ({@link #examFailure}), with the
 * period {@code examId/memberId}, so each failure has keys of its own. Such a notice names whom it is about in its facts:
 * top-level {@code memberId}/{@code memberName} and exam figures for the member's own notice, {@code members} (one entry)
 * in the secretary's.
 */
public final class NoticePlanner {
    /** Recipient id and kind of a document 主送 every unit (its copies go to the units' secretaries). */
    public static final String ALL_UNITS = "ALL_UNITS";
    private final Map<String, NoticeRequest> requests = new LinkedHashMap<>();
    private final Recipients recipients;

    public NoticePlanner(Recipients recipients) {
        this.recipients = recipients;
    }

    public List<NoticeRequest> requests() {
        return new ArrayList<>(requests.values());
    }

    /**
     * Notices of a published month: ONE bulletin (月度通报, one document and one 文号) 主送 every unit, ranked or not, whose
     * copies go to each unit's secretary ({@link #bulletin}); commendation (ADVANCED) and criticism (LAGGING) to the unit
     * secretary; an interview with a deadline to the principal leader of a unit LAGGING in this and the previous
     * published month. A unit that submitted nothing has no tier, so none of these but the bulletin.
     */
    public NoticePlanner monthlyRanking(String period, List<RankedUnit> entries, List<NotSubmittedUnit> notSubmitted,
                                        Map<String, Tier> previousTiers, LocalDate interviewDeadline) {
        bulletin("MONTHLY_BULLETIN", period, entries, notSubmitted, Map.of());
        for (RankedUnit e : entries) {
            Map<String, Object> facts = unitFacts(e, entries.size());
            if (e.tier() == Tier.ADVANCED) {
                add("COMMENDATION", period, e.unitCode(), e.unitName(), recipients.unitSecretary(e.unitCode()), null, facts);
            }
            if (e.tier() == Tier.LAGGING) {
                add("CRITICISM", period, e.unitCode(), e.unitName(), recipients.unitSecretary(e.unitCode()), null, facts);
                if (previousTiers.get(e.unitCode()) == Tier.LAGGING) {
                    interview(period, e, entries.size(), interviewDeadline);
                }
            }
        }
        return this;
    }

    /** INTERVIEW with a deadline to the principal leader of a unit LAGGING in {@code period} and the month before. */
    public NoticePlanner interview(String period, RankedUnit e, int unitsRanked, LocalDate deadline) {
        Map<String, Object> interview = unitFacts(e, unitsRanked);
        interview.put("reason", "连续两个月处于后进");
        interview.put("previousTier", Tier.LAGGING.name());
        add("INTERVIEW", period, e.unitCode(), e.unitName(), recipients.principalLeader(e.unitCode()), deadline, interview);
        return this;
    }

    /**
     * A county-wide document (the monthly bulletin, issue 12.5): one request, recipient {@code ALL_UNITS} (key
     * {@code type|ALL_UNITS|period}, subject COMMITTEE), listing as addressees the secretary of every unit (a unit has no
     * address; its secretary has): notification-service issues it under one 文号 with a copy per addressee. The ranking
     * table itself comes with {@code ranking.published}.
     */
    public NoticePlanner bulletin(String type, String period, List<RankedUnit> entries, List<NotSubmittedUnit> notSubmitted,
                                  Map<String, Object> extraFacts) {
        List<NoticeRequest.Addressee> addressees = new ArrayList<>();
        Map<String, String> units = new LinkedHashMap<>();
        entries.forEach(e -> units.put(e.unitCode(), e.unitName()));
        notSubmitted.forEach(u -> units.put(u.unitCode(), u.unitName()));
        units.forEach((code, name) -> {
            Recipient secretary = recipients.unitSecretary(code);
            addressees.add(new NoticeRequest.Addressee(secretary.id(), secretary.kind(), secretary.name(), secretary.email(), code, name));
        });
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("unitsRanked", entries.size());
        facts.put("notSubmitted", notSubmitted.size());
        facts.putAll(extraFacts);
        String key = NoticeRequest.key(type, ALL_UNITS, period);
        requests.put(key, new NoticeRequest(key, type, period, null, null,
                new Recipient(ALL_UNITS, ALL_UNITS, "各县直机关单位党组（党委）、机关党委（党总支、党支部）", null), null, facts, addressees));
        return this;
    }

    /**
     * Issue 16.5: the notices of a year's results (period {@code YYYY}): ANNUAL_COMMENDATION (年度通报表扬) to the secretary
     * of each 党建工作优秀单位, and ONE ANNUAL_BULLETIN (年度通报) 主送 every unit of the results, carrying its table in the
     * facts (the monthly bulletin's comes with ranking.published; the annual one has no such event to wait for).
     */
    public NoticePlanner annualResults(String year, int version, List<AnnualPublication.UnitResult> results) {
        List<Map<String, Object>> table = new ArrayList<>();
        for (AnnualPublication.UnitResult r : results) {
            Map<String, Object> row = annualFacts(r, results.size());
            row.remove("unitsRanked");
            row.put("unitCode", r.unitCode());
            row.put("unitName", r.unitName());
            table.add(row);
            if (r.excellent()) {
                add("ANNUAL_COMMENDATION", year, r.unitCode(), r.unitName(), recipients.unitSecretary(r.unitCode()), null,
                        annualFacts(r, results.size()));
            }
        }
        List<NoticeRequest.Addressee> addressees = new ArrayList<>();
        for (AnnualPublication.UnitResult r : results) {
            Recipient secretary = recipients.unitSecretary(r.unitCode());
            addressees.add(new NoticeRequest.Addressee(secretary.id(), secretary.kind(), secretary.name(), secretary.email(),
                    r.unitCode(), r.unitName()));
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("version", version);
        facts.put("unitsRanked", results.size());
        facts.put("excellentUnits", results.stream().filter(AnnualPublication.UnitResult::excellent).count());
        facts.put("results", table);
        String key = NoticeRequest.key("ANNUAL_BULLETIN", ALL_UNITS, year);
        requests.put(key, new NoticeRequest(key, "ANNUAL_BULLETIN", year, null, null,
                new Recipient(ALL_UNITS, ALL_UNITS, "各县直机关单位党组（党委）、机关党委（党总支、党支部）", null), null, facts, addressees));
        return this;
    }

    private static Map<String, Object> annualFacts(AnnualPublication.UnitResult r, int unitsRanked) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("rank", r.rank());
        facts.put("unitsRanked", unitsRanked);
        facts.put("meanMonthlyScore", r.meanMonthlyScore());
        if (r.debriefScore() != null) {
            facts.put("debriefScore", r.debriefScore());
        }
        facts.put("annualScore", r.annualScore());
        facts.put("excellent", r.excellent());
        return facts;
    }

    /**
     * Lists the county's overdue rectification items in the bulletin of {@code period} (issue 16.4: 逾期事项 in the 月度通报),
     * as its facts' {@code overdueRectifications}; nothing when the month has no bulletin (no unit submitted).
     */
    public NoticePlanner overdueRectifications(String type, String period, List<Map<String, Object>> items) {
        NoticeRequest bulletin = requests.get(NoticeRequest.key(type, ALL_UNITS, period));
        if (bulletin != null) {
            bulletin.facts().put("overdueRectifications", List.copyOf(items));
        }
        return this;
    }

    /** Interview for units graded POOR (差) in a quarter; {@code period} is the quarter, e.g. 2026-Q4. */
    public NoticePlanner poorQuarter(String quarter, String unitCode, String unitName, double meanScore, LocalDate deadline) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("reason", "季度考核等次为差");
        facts.put("grade", "POOR");
        facts.put("meanScore", meanScore);
        add("INTERVIEW", quarter, unitCode, unitName, recipients.principalLeader(unitCode), deadline, facts);
        return this;
    }

    /**
     * Issue 16.2: a 后进支部 of the quarter's branch ranking: BRANCH_RECTIFICATION (后进支部整顿通知) with a deadline to the
     * branch's secretary (else the unit secretary, addressed as the branch's). The period is {@code quarter/branchId}, so a
     * secretary of two lagging branches gets one notice for each.
     */
    public NoticePlanner laggingBranch(String quarter, cn.partybuilding.reporting.branch.RankedBranch b, long branchesRanked, LocalDate deadline) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("quarter", quarter);
        facts.put("branchId", b.branchId());
        facts.put("branchName", b.branchName());
        facts.put("rank", b.rank());
        facts.put("branchesRanked", branchesRanked);
        facts.put("score", b.score());
        facts.put("tier", b.tier().name());
        facts.put("meetingRegularity", b.meetingRegularity());
        facts.put("studyCompletion", b.studyCompletion());
        facts.put("examPassRate", b.examPassRate());
        facts.put("reason", "季度支部考评处于后进");
        Recipient secretary = recipients.branchSecretary(b.unitCode(), null, b.branchId());
        add("BRANCH_RECTIFICATION", (quarter + "/" + b.branchId()).replace('|', '/'), b.unitCode(), b.unitName(), secretary, deadline, facts);
        return this;
    }

    /**
     * Issue 16.6, at once when the result arrives: a failed exam gets an EDUCATION_REMINDER to the member and to their
     * branch secretary the first time in the year; a repeated failure in the same year ({@code earlierFailure}, the
     * member's latest failed exam of that year before this one) gets an ADMONISHMENT_TALK to the member and to the unit
     * secretary instead. One failure, one set of notices: the period is {@link #examPeriod} (the exam and the member), so
     * a redelivered or regraded result has the same keys and notification-service keeps the first.
     */
    public NoticePlanner examFailure(MemberExam failed, MemberExam earlierFailure, String unitName) {
        String period = examPeriod(failed.examId(), failed.memberId());
        String unit = failed.unitCode();
        MemberFacts member = recipients.find(unit, failed.memberId()).orElse(null);
        Recipient memberRecipient = member == null ? new Recipient(failed.memberId(), "MEMBER", null, null) : recipients.member(member);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("examId", failed.examId());
        facts.put("examScore", failed.score());
        facts.put("examDate", failed.day().toString());
        if (earlierFailure == null) {
            addOwn("EDUCATION_REMINDER", period, unit, unitName, memberRecipient, facts);
            Recipient branchSecretary = recipients.branchSecretary(unit, failed.memberId(), member == null ? null : member.organizationId());
            addMember("EDUCATION_REMINDER", period, unit, unitName, branchSecretary, memberRecipient, facts);
        } else {
            facts.put("previousExamId", earlierFailure.examId());
            facts.put("previousExamScore", earlierFailure.score());
            facts.put("previousExamDate", earlierFailure.day().toString());
            addOwn("ADMONISHMENT_TALK", period, unit, unitName, memberRecipient, facts);
            addMember("ADMONISHMENT_TALK", period, unit, unitName, recipients.unitSecretary(unit), memberRecipient, facts);
        }
        return this;
    }

    /**
     * The period of an exam failure's notices: {@code examId/memberId} ('|' is the key's separator, so it becomes '/'); a
     * longer one than notification-service accepts (100) is shortened to a name-based UUID of it, still stable.
     */
    public static String examPeriod(String examId, String memberId) {
        String period = (examId + "/" + memberId).replace('|', '/');
        return period.length() <= 100 ? period
                : "exam-" + java.util.UUID.nameUUIDFromBytes(period.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** STUDY_REMINDER (or another type, e.g. EARLY_WARNING) to each member whose completion in the month is below {@code threshold}. */
    public NoticePlanner lowStudy(String type, YearMonth month, IndicatorSystem system, Map<String, List<MemberFacts>> roster,
                                  Map<String, String> unitNames, double threshold) {
        return lowStudy(type, month, system, roster, unitNames, threshold, null);
    }

    /**
     * The same, comparing what each member did with what is due by {@code asOf} ({@code StudyRequirements.dueBy}; null =
     * the whole month). The facts then also say {@code asOf} and {@code due} beside {@code done} and the month's
     * {@code required}: 4 of 10 weekly sessions on 20 August with 6 due is 67 %, on track.
     */
    public NoticePlanner lowStudy(String type, YearMonth month, IndicatorSystem system, Map<String, List<MemberFacts>> roster,
                                  Map<String, String> unitNames, double threshold, LocalDate asOf) {
        for (List<MemberFacts> members : roster.values()) {
            for (MemberFacts m : members) {
                double[] doneDue = MonthlyScorer.memberDoneDue(system.studyPlan(), month, m, null, asOf);
                if (doneDue[1] == 0) {
                    continue;
                }
                double rate = doneDue[0] / doneDue[1];
                if (rate < threshold) {
                    int[] doneRequired = MonthlyScorer.memberDoneRequired(system.studyPlan(), month, m, null);
                    Map<String, Object> facts = new LinkedHashMap<>();
                    facts.put("completionRate", MonthlyScorer.round(rate, 4));
                    facts.put("done", doneRequired[0]);
                    facts.put("required", doneRequired[1]);
                    if (asOf != null) {
                        facts.put("asOf", asOf.toString());
                        facts.put("due", MonthlyScorer.round(doneDue[1], 2));
                    }
                    facts.put("threshold", threshold);
                    add(type, month.toString(), m.unitCode(), unitNames.get(m.unitCode()), recipients.member(m), null, facts);
                }
            }
        }
        return this;
    }

    /**
     * 整改提醒 (RECTIFICATION_DUE) to the unit's secretary, {@code remindWorkingDays} working days before an item's deadline;
     * period = the item id, so each item is reminded once (notification keeps one notice per key).
     */
    public NoticePlanner rectificationDue(String itemId, String unitCode, String unitName, LocalDate deadline, String description,
                                          String source, Integer remindWorkingDays) {
        Map<String, Object> facts = rectificationFacts(itemId, description, source);
        if (remindWorkingDays != null) {
            facts.put("remindWorkingDays", remindWorkingDays);
        }
        add("RECTIFICATION_DUE", itemId, unitCode, unitName, recipients.unitSecretary(unitCode), deadline, facts);
        return this;
    }

    /**
     * 逾期通报 (RECTIFICATION_OVERDUE) of an item past its deadline without 销号: to the unit's secretary, who must act, and
     * to the committee (县直机关工委), which follows overdue items up (SPEC: 整改提醒 / 逾期通报 to unit secretary / committee).
     */
    public NoticePlanner rectificationOverdue(String itemId, String unitCode, String unitName, LocalDate deadline, String description,
                                              String source) {
        Map<String, Object> facts = rectificationFacts(itemId, description, source);
        add("RECTIFICATION_OVERDUE", itemId, unitCode, unitName, recipients.unitSecretary(unitCode), deadline, facts);
        add("RECTIFICATION_OVERDUE", itemId, unitCode, unitName, new Recipient(COMMITTEE, COMMITTEE, "县直机关工委", null), deadline, facts);
        return this;
    }

    /** Recipient id and kind of the committee (县直机关工委) itself. */
    public static final String COMMITTEE = "COMMITTEE";

    private static Map<String, Object> rectificationFacts(String itemId, String description, String source) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("itemId", itemId);
        if (description != null) {
            facts.put("description", description);
        }
        if (source != null) {
            facts.put("source", source);
        }
        return facts;
    }

    /** EARLY_WARNING to the secretary of a unit whose running score would place it LAGGING. */
    public NoticePlanner laggingWarning(String period, RankedUnit e, int unitsRanked) {
        Map<String, Object> facts = unitFacts(e, unitsRanked);
        facts.put("reason", "按当前得分将处于后进");
        add("EARLY_WARNING", period, e.unitCode(), e.unitName(), recipients.unitSecretary(e.unitCode()), null, facts);
        return this;
    }

    private static Map<String, Object> unitFacts(RankedUnit e, int unitsRanked) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("rank", e.rank());
        facts.put("unitsRanked", unitsRanked);
        facts.put("score", e.score());
        facts.put("tier", e.tier().name());
        facts.put("status", e.status().name());
        facts.put("completionRate", e.completionRate());
        facts.put("deductions", e.deductions());
        facts.put("bonuses", e.bonuses());
        if (e.rankChange() != null) {
            facts.put("rankChange", e.rankChange());
        }
        return facts;
    }

    private void add(String type, String period, String unitCode, String unitName, Recipient recipient, LocalDate deadline,
                     Map<String, Object> facts) {
        String key = NoticeRequest.key(type, recipient.id(), period);
        requests.putIfAbsent(key, new NoticeRequest(key, type, period, unitCode, unitName, recipient, deadline, new LinkedHashMap<>(facts)));
    }

    /**
     * A member's notice about their own exam. It takes the key over from a secretary's notice about their members that
     * was planned first (the exams come from a map in no particular order), keeping that notice's members list.
     */
    private void addOwn(String type, String period, String unitCode, String unitName, Recipient member, Map<String, Object> facts) {
        String key = NoticeRequest.key(type, member.id(), period);
        Map<String, Object> own = new LinkedHashMap<>(facts);
        own.put("memberId", member.id());
        own.put("memberName", member.name());
        NoticeRequest existing = requests.get(key);
        if (existing != null && existing.facts().containsKey("memberId")) {
            return;
        }
        if (existing != null && existing.facts().containsKey("members")) {
            own.put("members", existing.facts().get("members"));
        }
        requests.put(key, new NoticeRequest(key, type, period, unitCode, unitName, member, null, own));
    }

    /**
     * A notice to a secretary about one of their members; several members of the same secretary share one notice, listed
     * by member id so the text does not depend on planning order. If the secretary's own notice is already there, the
     * member joins its list and the notice stays about the secretary.
     */
    @SuppressWarnings("unchecked")
    private void addMember(String type, String period, String unitCode, String unitName, Recipient secretary, Recipient member,
                           Map<String, Object> memberFacts) {
        String key = NoticeRequest.key(type, secretary.id(), period);
        NoticeRequest existing = requests.get(key);
        if (existing == null) {
            existing = new NoticeRequest(key, type, period, unitCode, unitName, secretary, null, new LinkedHashMap<>());
            requests.put(key, existing);
        }
        Map<String, Object> entry = new LinkedHashMap<>(memberFacts);
        entry.put("memberId", member.id());
        entry.put("memberName", member.name());
        List<Map<String, Object>> members = (List<Map<String, Object>>) existing.facts().computeIfAbsent("members", k -> new ArrayList<>());
        members.add(entry);
        members.sort(Comparator.comparing(m -> String.valueOf(m.get("memberId"))));
    }
}
