package cn.partybuilding.reporting.publication;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Response of {@code POST /quarters/{quarter}/publish}: the grades of the new version (under {@code grades}, as the API
 * has always nested them) and how many notice requests it emitted. Built from the domain result like the event
 * ({@link QuarterlyGradesPublished}), so the API and the contract change independently.
 */
public record QuarterPublicationView(Grades grades, int noticeRequests) {

    public record Grades(String quarter, int version, OffsetDateTime publishedAt, List<String> months, List<Grade> grades) {
    }

    public record Grade(String unitCode, String unitName, double meanScore, String grade, String label) {
    }

    static QuarterPublicationView of(QuarterlyPublication.QuarterPublication p) {
        List<Grade> grades = p.grades().stream()
                .map(g -> new Grade(g.unitCode(), g.unitName(), g.meanScore(), g.grade().name(), g.grade().label())).toList();
        return new QuarterPublicationView(new Grades(p.quarter(), p.version(), p.publishedAt(), p.months(), grades), p.notices().size());
    }
}
