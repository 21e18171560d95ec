package cn.partybuilding.assessment.bonus;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** 加分, as granted after the yearly cap. */
@Entity
@Table(name = "bonus")
public class Bonus extends PanacheEntityBase {
    @Id
    @Column(name = "bonus_id")
    public String bonusId;
    @Column(name = "unit_code")
    public String unitCode;
    public String period;
    @Column(name = "bonus_year")
    public int year;
    @Column(name = "requested_points")
    public BigDecimal requestedPoints;
    public BigDecimal points;
    public String reason;
    @Column(name = "granted_at")
    public OffsetDateTime grantedAt;
}
