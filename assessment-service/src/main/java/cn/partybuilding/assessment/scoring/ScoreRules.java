package cn.partybuilding.assessment.scoring;

import cn.partybuilding.assessment.common.Checks;
import cn.partybuilding.assessment.indicator.IndicatorSystem;

import java.math.BigDecimal;

/** A score lies in 0..maxPoints of its indicator with at most two decimals; only MANUAL indicators take entered scores. */
public final class ScoreRules {
    private ScoreRules() {
    }

    public static Checks score(BigDecimal score, IndicatorSystem.Indicator indicator) {
        Checks checks = new Checks();
        checks.range("score", score, BigDecimal.ZERO, indicator.maxPoints());
        return checks;
    }

    public static String kindProblem(IndicatorSystem.Indicator indicator) {
        return indicator.kind() == IndicatorSystem.Kind.MANUAL ? null
                : "指标 " + indicator.code() + " 为 " + indicator.kind() + "，由学习数据自动计算，不能手工评分";
    }

    public static void texts(Checks checks, String assessor, String evidence, String reason, boolean reasonRequired) {
        checks.text("assessor", assessor, 100);
        if (evidence != null && checks.plain("evidence", evidence) && evidence.length() > 2000) {
            checks.add("evidence", "长度不能超过 2000");
        }
        if (reasonRequired) {
            checks.text("reason", reason, 1000);
        }
    }
}
