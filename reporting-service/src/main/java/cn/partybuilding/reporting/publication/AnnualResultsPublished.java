package cn.partybuilding.reporting.publication;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Payload of cn.partybuilding.annual-results.published, used for the event only and built from the domain result; the
 * REST response of the same publication is {@link AnnualPublicationView}. {@code version}, {@code months} and
 * {@code unitName} are additions to the contract (optional fields).
 */
record AnnualResultsPublished(int year, int version, OffsetDateTime publishedAt, List<String> months, List<Result> results) {

    static AnnualResultsPublished of(AnnualPublication.YearPublication p) {
        return new AnnualResultsPublished(p.year(), p.version(), p.publishedAt(), p.months(), p.results().stream()
                .map(r -> new Result(r.rank(), r.unitCode(), r.unitName(), r.meanMonthlyScore(), r.debriefScore(), r.annualScore(),
                        r.excellent())).toList());
    }

    /**
     * {@code debriefScore} is left out when no 述职评议 score was recorded (the annual score counts it as 0): the contract
     * types it as a number, not null (EventContractTest).
     */
    record Result(int rank, String unitCode, String unitName, double meanMonthlyScore,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Double debriefScore, double annualScore, boolean excellent) {
    }
}
