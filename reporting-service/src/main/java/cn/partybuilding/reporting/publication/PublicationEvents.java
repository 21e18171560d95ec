package cn.partybuilding.reporting.publication;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.EventPublisher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.UUID;

/**
 * The CloudEvents reporting-service publishes (through the platform's {@link EventPublisher}, in the publishing
 * transaction). Ids are derived from what is published (period and version, notice key and publication), so a retried
 * publication repeats them and consumers can ignore the repeat: that is why the envelopes are made here with
 * {@code CloudEvent.withId} and the platform's source ({@code eventing.source}) rather than with
 * {@code EventPublisher.event}, whose ids are random.
 * <p>
 * The payloads are records of their own ({@link RankingPublished}, {@link QuarterlyGradesPublished},
 * {@link AnnualResultsPublished}, built here from the domain results; {@link NoticeRequest}, built by the
 * {@link NoticePlanner}); no REST response serialises them, so an API field never changes the published contract.
 */
@ApplicationScoped
public class PublicationEvents {
    @Inject
    EventPublisher publisher;

    /**
     * Serialises one notice request at start and drops it: Jackson builds its serialisers for the envelope, the request
     * and its parts on first use, and the first publication after a start paid for that inside its transaction.
     */
    void prepareSerialisers(@Observes StartupEvent start) {
        NoticeRequest sample = new NoticeRequest(NoticeRequest.key("BULLETIN", "UNIT", "2000-01"), "BULLETIN", "2000-01", "U", "单位",
                new NoticeRequest.Recipient("M", "UNIT_SECRETARY", "党员", null), LocalDate.of(2000, 1, 31),
                Map.of("rank", 1, "score", 1.0, "tier", "LEADING"),
                List.of(new NoticeRequest.Addressee("M", "UNIT_SECRETARY", "党员", null, "U", "单位")));
        CloudEventCodec.write(noticeRequested("warm-up", OffsetDateTime.now()).apply(sample));
        CloudEventCodec.write(withdrawalRequested("warm-up", OffsetDateTime.now())
                .apply(new NoticeWithdrawal(sample.noticeKey(), "BULLETIN", "2000-01", "U", "M", 1, "warm-up")));
    }

    /** {@code ranking.published} on party.reporting.v1 (subject COMMITTEE). */
    CloudEvent rankingPublished(MonthlyPublication.MonthPublication p) {
        return committee("ranking|" + p.period() + "|" + p.version(), EventTypes.RANKING_PUBLISHED, p.publishedAt(), RankingPublished.of(p));
    }

    /** {@code quarterly-grades.published} on party.reporting.v1 (subject COMMITTEE). */
    CloudEvent quarterlyGradesPublished(QuarterlyPublication.QuarterPublication p) {
        return committee("quarter|" + p.quarter() + "|" + p.version(), EventTypes.QUARTERLY_GRADES_PUBLISHED, p.publishedAt(),
                QuarterlyGradesPublished.of(p));
    }

    /** {@code branch-ranking.published} on party.reporting.v1 (subject COMMITTEE), with the quarter's publication. */
    CloudEvent branchRankingPublished(cn.partybuilding.reporting.branch.BranchRankings.BranchQuarter q) {
        return committee("branches|" + q.quarter() + "|" + q.version(), EventTypes.BRANCH_RANKING_PUBLISHED, q.publishedAt(),
                BranchRankingPublished.of(q));
    }

    /** {@code annual-results.published} on party.reporting.v1 (subject COMMITTEE). */
    CloudEvent annualResultsPublished(AnnualPublication.YearPublication p) {
        return committee("year|" + p.year() + "|" + p.version(), EventTypes.ANNUAL_RESULTS_PUBLISHED, p.publishedAt(),
                AnnualResultsPublished.of(p));
    }

    /** {@code notice.requested} events (subject = unit code); the id is derived from the notice key and the publication. */
    public Function<NoticeRequest, CloudEvent> noticeRequested(String publication, OffsetDateTime now) {
        return n -> CloudEvent.withId(deterministicId(n.noticeKey() + "|" + publication), publisher.source(),
                EventTypes.NOTICE_REQUESTED, n.unitCode() == null ? Topics.COMMITTEE_SUBJECT : n.unitCode(), now, data(n));
    }

    /**
     * {@code notice.withdrawal-requested} events (subject = unit code, like the request they withdraw, so both keep their
     * order on one partition); the id is derived from the notice key and the publication.
     */
    Function<NoticeWithdrawal, CloudEvent> withdrawalRequested(String publication, OffsetDateTime now) {
        return w -> CloudEvent.withId(deterministicId("withdraw|" + w.noticeKey() + "|" + publication), publisher.source(),
                EventTypes.NOTICE_WITHDRAWAL_REQUESTED, w.unitCode() == null ? Topics.COMMITTEE_SUBJECT : w.unitCode(), now, data(w));
    }

    private CloudEvent committee(String name, String type, OffsetDateTime time, Object payload) {
        return CloudEvent.withId(deterministicId(name), publisher.source(), type, Topics.COMMITTEE_SUBJECT, time, data(payload));
    }

    /**
     * The payload as a node that the outbox serialises straight from the record with the shared mapper (same JSON as
     * {@code CloudEventCodec.toTree}, without building ~14,000 intermediate trees on a publication).
     */
    private static JsonNode data(Object payload) {
        return new POJONode(payload);
    }

    static String deterministicId(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
