package cn.partybuilding.reporting.whatif;

import cn.partybuilding.eventing.web.Violation;
import cn.partybuilding.reporting.scoring.IndicatorSystem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates a proposal against the current system: known codes, weights summing to 100, each dimension's maxima summing to 100. */
public final class WhatIfCheck {
    private WhatIfCheck() {
    }

    public static List<Violation> violations(IndicatorSystem current, Map<String, Double> weights, Map<String, Double> maxPoints) {
        List<Violation> violations = new ArrayList<>();
        Set<String> dimensions = new HashSet<>();
        Set<String> indicators = new HashSet<>();
        current.dimensions().forEach(d -> {
            dimensions.add(d.code());
            d.indicators().forEach(i -> indicators.add(i.code()));
        });
        weights.forEach((code, w) -> {
            if (!dimensions.contains(code)) {
                violations.add(new Violation("weights." + code, "unknown dimension"));
            } else if (w == null || Double.compare(w, 0.0) < 0) { // -0 too: refused with the negatives
                violations.add(new Violation("weights." + code, "must be a number ≥ 0"));
            }
        });
        maxPoints.forEach((code, m) -> {
            if (!indicators.contains(code)) {
                violations.add(new Violation("maxPoints." + code, "unknown indicator"));
            } else if (m == null || Double.compare(m, 0.0) < 0) {
                violations.add(new Violation("maxPoints." + code, "must be a number ≥ 0"));
            }
        });
        if (!violations.isEmpty()) {
            return violations;
        }
        IndicatorSystem proposal = current.withProposal(weights, maxPoints);
        double sum = proposal.dimensions().stream().mapToDouble(IndicatorSystem.Dimension::weight).sum();
        if (Math.abs(sum - 100) > 0.001) {
            violations.add(new Violation("weights", "dimension weights must sum to 100, were " + sum));
        }
        for (IndicatorSystem.Dimension d : proposal.dimensions()) {
            double max = d.indicators().stream().mapToDouble(IndicatorSystem.Indicator::maxPoints).sum();
            if (!maxPoints.isEmpty() && Math.abs(max - 100) > 0.001) {
                violations.add(new Violation("maxPoints", "indicators of " + d.code() + " must sum to 100, were " + max));
            }
        }
        return violations;
    }
}
