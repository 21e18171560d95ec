package cn.partybuilding.reporting.publication;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.List;

/** Payload of cn.partybuilding.annual-results.published. {@code version}, {@code months} and {@code unitName} are additions (optional fields). */
public record AnnualResultsPublished(int year, int version, OffsetDateTime publishedAt, List<String> months, List<Result> results) {
    /**
     * {@code debriefScore} is left out when no 述职评议 score was recorded (the annual score counts it as 0): the contract
     * types it as a number, not null (EventContractTest).
     */
    public record Result(int rank, String unitCode, String unitName, double meanMonthlyScore,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Double debriefScore, double annualScore, boolean excellent) {
    }
}
