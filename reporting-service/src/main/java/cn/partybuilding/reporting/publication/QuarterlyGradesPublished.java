package cn.partybuilding.reporting.publication;

import java.time.OffsetDateTime;
import java.util.List;

/** Payload of cn.partybuilding.quarterly-grades.published. {@code version}, {@code months} and {@code label} are additions (optional fields). */
public record QuarterlyGradesPublished(String quarter, int version, OffsetDateTime publishedAt, List<String> months, List<Grade> grades) {
    public record Grade(String unitCode, String unitName, double meanScore, String grade, String label) {
    }
}
