package cn.partybuilding.assessment.scoring;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One revision of a score: the first score or a correction with its reason. Never updated. */
@Entity
@Table(name = "assessment_revision")
public class AssessmentRevisionRow extends PanacheEntityBase {
    @Embeddable
    public record Key(@Column(name = "assessment_id") String assessmentId, @Column(name = "revision") int revision) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    public BigDecimal score;
    @Column(name = "previous_score")
    public BigDecimal previousScore;
    public String reason;
    public String assessor;
    public String evidence;
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
}
