package cn.partybuilding.assessment.bonus;

import cn.partybuilding.assessment.common.Checks;
import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.assessment.indicator.IndicatorSystem;
import cn.partybuilding.assessment.indicator.IndicatorSystemService;
import cn.partybuilding.assessment.organisation.OrganisationService;
import cn.partybuilding.assessment.period.PeriodService;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.security.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/** Grants bonuses within the year's cap (bonusCap of the year's current indicator system). */
@ApplicationScoped
public class BonusService {
    @Inject
    OrganisationService organisation;

    @Inject
    IndicatorSystemService indicators;

    @Inject
    PeriodService periods;

    @Inject
    EventPublisher events;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditTrail audit;

    public record BonusRequest(String unitCode, String period, BigDecimal points, String reason) {
    }

    /** What the caller sees: the grant, what was asked, and what is left of the year's cap. */
    public record BonusView(String bonusId, String unitCode, String period, BigDecimal requestedPoints, BigDecimal points,
                            boolean capped, BigDecimal remainingThisYear, String reason) {
    }

    @Transactional
    public BonusView grant(BonusRequest in) {
        Checks checks = new Checks();
        checks.required("unitCode", in.unitCode());
        checks.period("period", in.period());
        checks.range("points", in.points(), new BigDecimal("0.01"), new BigDecimal("100"));
        checks.text("reason", in.reason(), 1000);
        checks.throwIfAny("加分信息不完整或无效");
        organisation.lockUnit("unitCode", in.unitCode());
        YearMonth month = periods.scorableMonth("period", in.period());
        IndicatorSystem system = indicators.requireInForce("period", month); // the cap of the version in force for the month
        BigDecimal already = granted(in.unitCode(), month.getYear());
        BonusCap.Grant grant = BonusCap.grant(in.points(), already, system.bonusCap()).orElseThrow(() ->
                ProblemException.conflict("points", month.getYear() + " 年度加分已达上限 " + system.bonusCap().stripTrailingZeros().toPlainString() + " 分"));
        periods.requireOpen("period", in.period());
        Bonus bonus = new Bonus();
        bonus.bonusId = UUID.randomUUID().toString();
        bonus.unitCode = in.unitCode();
        bonus.period = in.period();
        bonus.year = month.getYear();
        bonus.requestedPoints = in.points().setScale(2, RoundingMode.UNNECESSARY);
        bonus.points = grant.points().setScale(2, RoundingMode.UNNECESSARY);
        bonus.reason = in.reason().trim();
        bonus.grantedAt = OffsetDateTime.now(clock);
        bonus.persist();
        events.publish(Topics.ASSESSMENT, EventTypes.BONUS_GRANTED, bonus.unitCode, BonusGranted.of(bonus));
        BonusView out = view(bonus, grant.capped(), system.bonusCap().subtract(already).subtract(bonus.points));
        audit.accepted("bonus", bonus.bonusId, null, out);
        return out;
    }

    private BigDecimal granted(String unitCode, int year) {
        BigDecimal sum = em.createQuery("select coalesce(sum(b.points), 0) from Bonus b where b.unitCode = ?1 and b.year = ?2", BigDecimal.class)
                .setParameter(1, unitCode).setParameter(2, year).getSingleResult();
        return sum == null ? BigDecimal.ZERO : sum;
    }

    public List<BonusView> list(String unitCode, Integer year) {
        String q = "1 = 1" + (unitCode != null ? " and unitCode = :unitCode" : "") + (year != null ? " and year = :year" : "");
        var params = new java.util.HashMap<String, Object>();
        if (unitCode != null) {
            params.put("unitCode", unitCode);
        }
        if (year != null) {
            params.put("year", year);
        }
        return Bonus.<Bonus>list(q + " order by period, grantedAt", params).stream()
                .map(b -> view(b, b.points.compareTo(b.requestedPoints) < 0, null)).toList();
    }

    private static BonusView view(Bonus b, boolean capped, BigDecimal remaining) {
        return new BonusView(b.bonusId, b.unitCode, b.period, b.requestedPoints, b.points, capped, remaining, b.reason);
    }
}
