package cn.partybuilding.reporting.publication;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Payload of cn.partybuilding.quarterly-grades.published, used for the event only and built from the domain result; the
 * REST response of the same publication is {@link QuarterPublicationView}. {@code version}, {@code months} and
 * {@code label} are additions to the contract (optional fields).
 */
record QuarterlyGradesPublished(String quarter, int version, OffsetDateTime publishedAt, List<String> months, List<Grade> grades) {

    static QuarterlyGradesPublished of(QuarterlyPublication.QuarterPublication p) {
        return new QuarterlyGradesPublished(p.quarter(), p.version(), p.publishedAt(), p.months(), p.grades().stream()
                .map(g -> new Grade(g.unitCode(), g.unitName(), g.meanScore(), g.grade().name(), g.grade().label())).toList());
    }

    record Grade(String unitCode, String unitName, double meanScore, String grade, String label) {
    }
}
