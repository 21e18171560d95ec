package cn.partybuilding.assessment.indicator;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** One stored version of a year's indicator system. */
@Entity
@Table(name = "indicator_system")
public class IndicatorSystemVersion extends PanacheEntityBase {
    @Embeddable
    public record Key(@Column(name = "system_year") int year, @Column(name = "system_version") int version) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    public String definition;
    @Column(name = "published_at")
    public OffsetDateTime publishedAt;
}
