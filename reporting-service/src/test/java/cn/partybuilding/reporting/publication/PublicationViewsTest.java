package cn.partybuilding.reporting.publication;

import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.reporting.scoring.Enums.QuarterlyGrade;
import cn.partybuilding.reporting.scoring.Enums.Status;
import cn.partybuilding.reporting.scoring.Enums.Tier;
import cn.partybuilding.reporting.scoring.NotSubmittedUnit;
import cn.partybuilding.reporting.scoring.RankedUnit;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The REST responses and the event payloads of a publication are separate records built from the same domain result:
 * each side has fields the other has not, and the payloads serialise to exactly the JSON published before the split
 * (with the mapper the outbox uses), so an API change cannot leak into the contract unnoticed.
 */
class PublicationViewsTest {
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 1, 2, 0, 0, 0, ZoneOffset.UTC);

    private static final MonthlyPublication.MonthPublication MONTH = new MonthlyPublication.MonthPublication("2026-10", 2, AT, 2026, 1,
            "更正", List.of(new RankedUnit(1, "U1", "县档案馆", 91.5, null, null, Tier.ADVANCED, Status.SUBMITTED, 0.75, 0, 1.5),
            new RankedUnit(2, "U2", "县财政局", 40.0, 1, -1, Tier.LAGGING, Status.SUBMITTED, 0, 2, 0)),
            List.of(new NotSubmittedUnit("U3", "县统计局")),
            List.of(new NoticeRequest("MONTHLY_BULLETIN|U1|2026-10", "MONTHLY_BULLETIN", "2026-10", "U1", "县档案馆",
                    new NoticeRequest.Recipient("U1", "UNIT", "县档案馆", null), null, java.util.Map.of())), "2026-01");

    @Test
    void theMonthsResponseAndItsEventAreDifferentRecordsWithTheirOwnFields() {
        JsonNode view = tree(MonthPublicationView.of(MONTH));
        JsonNode event = tree(RankingPublished.of(MONTH));
        assertEquals(List.of("period", "version", "publishedAt", "entries", "notSubmitted", "noticeRequests"), names(view));
        assertEquals(List.of("period", "version", "publishedAt", "systemYear", "systemVersion", "reason", "entries", "notSubmitted"),
                names(event));
        assertEquals(1, view.get("noticeRequests").asInt(), "the API tells how many notices went out; the ranking event does not");
        assertEquals(view.get("entries"), event.get("entries"), "the rows themselves read the same on both sides today");
    }

    @Test
    void theRankingEventIsTheJsonPublishedBeforeTheSplitPlusTheUnitsThatSubmittedNothing() {
        assertEquals("{\"period\":\"2026-10\",\"version\":2,\"publishedAt\":\"2026-11-01T02:00:00Z\",\"systemYear\":2026,\"systemVersion\":1,"
                + "\"reason\":\"更正\",\"entries\":["
                + "{\"rank\":1,\"unitCode\":\"U1\",\"unitName\":\"县档案馆\",\"score\":91.5,\"previousRank\":null,\"rankChange\":null,"
                + "\"tier\":\"ADVANCED\",\"status\":\"SUBMITTED\",\"completionRate\":0.75,\"deductions\":0.0,\"bonuses\":1.5},"
                + "{\"rank\":2,\"unitCode\":\"U2\",\"unitName\":\"县财政局\",\"score\":40.0,\"previousRank\":1,\"rankChange\":-1,"
                + "\"tier\":\"LAGGING\",\"status\":\"SUBMITTED\",\"completionRate\":0.0,\"deductions\":2.0,\"bonuses\":0.0}],"
                + "\"notSubmitted\":[{\"unitCode\":\"U3\",\"unitName\":\"县统计局\"}]}",
                json(RankingPublished.of(MONTH)));
    }

    @Test
    void theQuarterlyEventIsFlatWhileTheResponseNestsTheGradesBesideTheNoticeCount() {
        QuarterlyPublication.QuarterPublication quarter = new QuarterlyPublication.QuarterPublication("2026-Q4", 1, AT,
                List.of("2026-10", "2026-11"), List.of(new QuarterlyPublication.UnitGrade("U2", "县财政局", 58.25, QuarterlyGrade.POOR)),
                MONTH.notices(), null);
        assertEquals("{\"quarter\":\"2026-Q4\",\"version\":1,\"publishedAt\":\"2026-11-01T02:00:00Z\",\"months\":[\"2026-10\",\"2026-11\"],"
                + "\"grades\":[{\"unitCode\":\"U2\",\"unitName\":\"县财政局\",\"meanScore\":58.25,\"grade\":\"POOR\",\"label\":\"差\"}]}",
                json(QuarterlyGradesPublished.of(quarter)));
        JsonNode view = tree(QuarterPublicationView.of(quarter));
        assertEquals(List.of("grades", "noticeRequests"), names(view));
        assertEquals(tree(QuarterlyGradesPublished.of(quarter)), view.get("grades"));
    }

    @Test
    void theAnnualEventLeavesOutAMissingDebriefScore() {
        AnnualPublication.YearPublication year = new AnnualPublication.YearPublication(2026, 1, AT, List.of("2026-10"), List.of(
                new AnnualPublication.UnitResult(1, "U1", "县档案馆", 91.5, 90.0, 91.05, true),
                new AnnualPublication.UnitResult(2, "U2", "县财政局", 40.0, null, 28.0, false)), null);
        assertEquals("{\"year\":2026,\"version\":1,\"publishedAt\":\"2026-11-01T02:00:00Z\",\"months\":[\"2026-10\"],\"results\":["
                + "{\"rank\":1,\"unitCode\":\"U1\",\"unitName\":\"县档案馆\",\"meanMonthlyScore\":91.5,\"debriefScore\":90.0,\"annualScore\":91.05,"
                + "\"excellent\":true},"
                + "{\"rank\":2,\"unitCode\":\"U2\",\"unitName\":\"县财政局\",\"meanMonthlyScore\":40.0,\"annualScore\":28.0,\"excellent\":false}]}",
                json(AnnualResultsPublished.of(year)));
        assertEquals(tree(AnnualResultsPublished.of(year)), tree(AnnualPublicationView.of(year)), "today's response reads like the event");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode tree(Object value) {
        return CloudEventCodec.MAPPER.valueToTree(value);
    }

    private static String json(Object value) {
        try {
            return CloudEventCodec.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
