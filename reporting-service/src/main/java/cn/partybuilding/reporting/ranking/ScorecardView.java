package cn.partybuilding.reporting.ranking;

import cn.partybuilding.reporting.facts.Evidence;
import cn.partybuilding.reporting.scoring.Enums.IndicatorKind;
import cn.partybuilding.reporting.scoring.IndicatorSystem;
import cn.partybuilding.reporting.scoring.UnitFacts;
import cn.partybuilding.reporting.scoring.UnitScore;

import java.util.List;
import java.util.Map;

/**
 * The scorecard as the REST API serves it: the unit's score ({@link UnitScore}, every field kept as before), the
 * indicator-system version it was scored with ({@code systemYear}, {@code systemVersion}, {@code effectiveFrom}) and, beside
 * each list of event ids, what each event was ({@code evidence}: what, on which date, recorded when, by whom, from which
 * system). Its own record so that the drill-down's wording never changes the scoring's types.
 */
public record ScorecardView(String unitCode, String unitName, boolean submitted, Double composite, Double weightedSum,
                            double bonuses, double deductions, double completionRate, List<Dimension> dimensions,
                            List<Adjustment> bonusItems, List<Adjustment> deductionItems, LateRecords lateRecords,
                            int systemYear, int systemVersion, String effectiveFrom, String label) {

    /**
     * Study, exam and 学习强国 records other systems sent while the month was locked (迟报, frozen months): how many, how many
     * of them do not count yet (they wait for the month to be reopened), and each of them said in words.
     */
    public record LateRecords(int count, int notCounted, List<Evidence> items) {
        static LateRecords of(List<Evidence> items) {
            int pending = (int) items.stream().filter(e -> Evidence.LATE_PENDING.equals(e.late())).count();
            return new LateRecords(items.size(), pending, items);
        }
    }

    public record Dimension(String code, String name, double weight, double score, double weighted, List<Indicator> indicators) {
    }

    /** {@code evidence} lists the same events as {@code eventIds}, in the same order. */
    public record Indicator(String code, String name, IndicatorKind kind, double maxPoints, double score, String basis,
                            List<String> eventIds, List<Evidence> evidence) {
    }

    /** A finding's deduction or a bonus; {@code source} is the finding's own origin (巡察, 督查), {@code evidence.source} the sending system. */
    public record Adjustment(String id, double points, String source, String eventId, Evidence evidence) {
    }

    static ScorecardView of(IndicatorSystem system, UnitScore score, Map<String, Evidence> evidence, List<Evidence> late) {
        List<Dimension> dimensions = score.dimensions().stream().map(d -> new Dimension(d.code(), d.name(), d.weight(), d.score(),
                d.weighted(), d.indicators().stream().map(i -> new Indicator(i.code(), i.name(), i.kind(), i.maxPoints(), i.score(),
                        i.basis(), i.eventIds(), i.eventIds().stream().map(id -> evidence(evidence, id)).toList())).toList())).toList();
        // issue 12.4: a unit that submitted nothing has no composite (未报送, never a number); what its facts give per
        // indicator is still shown, so it can see what is missing
        boolean submitted = score.submitted();
        return new ScorecardView(score.unitCode(), score.unitName(), submitted, submitted ? score.composite() : null,
                submitted ? score.weightedSum() : null, score.bonuses(), score.deductions(), score.completionRate(), dimensions,
                adjustments(score.bonusItems(), evidence), adjustments(score.deductionItems(), evidence), LateRecords.of(late),
                system.year(), system.version(), system.effectiveMonth().toString(), submitted ? null : NotSubmittedView.LABEL);
    }

    private static List<Adjustment> adjustments(List<UnitFacts.Adjustment> items, Map<String, Evidence> evidence) {
        return items.stream().map(a -> new Adjustment(a.id(), a.points(), a.source(), a.eventId(), evidence(evidence, a.eventId()))).toList();
    }

    /** An event written between the two reads of a card has no words yet: its id still shows (the next card has them). */
    private static Evidence evidence(Map<String, Evidence> evidence, String eventId) {
        Evidence e = evidence.get(eventId);
        return e == null ? Evidence.idOnly(eventId) : e;
    }
}
