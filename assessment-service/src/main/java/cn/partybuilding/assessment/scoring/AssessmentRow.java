package cn.partybuilding.assessment.scoring;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The stable identity of the score of (unit, indicator, period) and its current revision. */
@Entity
@Table(name = "assessment")
public class AssessmentRow extends PanacheEntityBase {
    @Id
    @Column(name = "assessment_id")
    public String assessmentId;
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "indicator_code")
    public String indicatorCode;
    public String period;
    @Column(name = "system_year")
    public int systemYear;
    @Column(name = "system_version")
    public int systemVersion;
    @Column(name = "current_revision")
    public int currentRevision;
}
