package cn.partybuilding.assessment.rectification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** 问题 / 扣分 from an inspection (巡察, 督查, …). */
@Entity
@Table(name = "finding")
public class Finding extends PanacheEntityBase {
    @Id
    @Column(name = "finding_id")
    public String findingId;
    @Column(name = "unit_code")
    public String unitCode;
    public String period;
    @Column(name = "deduction_points")
    public BigDecimal deductionPoints;
    public String source;
    public String description;
    @Column(name = "raised_at")
    public OffsetDateTime raisedAt;
}
