package cn.partybuilding.reporting.publication;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Response of {@code POST /years/{year}/publish}: the results of the new version. Built from the domain result like the
 * event ({@link AnnualResultsPublished}), so the API and the contract change independently.
 */
public record AnnualPublicationView(int year, int version, OffsetDateTime publishedAt, List<String> months, List<Result> results) {

    /** {@code debriefScore} is left out when none was recorded, as this response has always done. */
    public record Result(int rank, String unitCode, String unitName, double meanMonthlyScore,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Double debriefScore, double annualScore, boolean excellent) {
    }

    static AnnualPublicationView of(AnnualPublication.YearPublication p) {
        return new AnnualPublicationView(p.year(), p.version(), p.publishedAt(), p.months(), p.results().stream()
                .map(r -> new Result(r.rank(), r.unitCode(), r.unitName(), r.meanMonthlyScore(), r.debriefScore(), r.annualScore(),
                        r.excellent())).toList());
    }
}
