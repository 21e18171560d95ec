package cn.partybuilding.reporting.publication;

import java.time.OffsetDateTime;
import java.util.List;

/** Payload of cn.partybuilding.annual-results.published. {@code version}, {@code months} and {@code unitName} are additions (optional fields). */
public record AnnualResultsPublished(int year, int version, OffsetDateTime publishedAt, List<String> months, List<Result> results) {
    public record Result(int rank, String unitCode, String unitName, double meanMonthlyScore, Double debriefScore, double annualScore,
                         boolean excellent) {
    }
}
