package cn.partybuilding.assessment.study;

import cn.partybuilding.assessment.indicator.IndicatorSystemService;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.assessment.organisation.Member;
import cn.partybuilding.assessment.organisation.OrganisationService;
import cn.partybuilding.contracts.InvalidEventException;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.BatchHandler.Rejection;
import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.eventing.IncomingEvent;
import cn.partybuilding.eventing.consume.EventApplier;
import cn.partybuilding.eventing.consume.EventConsumers;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Absorbs meeting.recorded / meeting.revised (issue 16.1: a learning platform's meeting becomes its attendees' completions,
 * see {@link ExternalMeetings}) and study.completed / exam.graded / platform-points.recorded that other systems publish on party.study.v1, so
 * they count here exactly like records entered over REST: stored once per natural key, and a later REST submission of
 * the same record is a repeat (200, no event). The platform consumer {@value #NAME} ({@code eventing.consumers.external-study.*})
 * runs it in its transaction, deduplicates by event id and dead-letters what this returns as rejected (unknown member,
 * missing field) to {@code party.study.v1.<group>.dlt}, and what the database refuses with that reason.
 */
@ApplicationScoped
public class ExternalStudyApplier implements EventApplier {
    public static final String NAME = "external-study";

    @Inject
    EventPublisher publisher;
    @Inject
    OrganisationService organisation;
    @Inject
    IndicatorSystemService indicators;
    @Inject
    StudyStore store;
    @Inject
    ExternalMeetings meetings;

    void register(@Observes StartupEvent event, EventConsumers consumers) {
        consumers.register(NAME, List.of(Topics.STUDY), this);
    }

    /**
     * This service's own events on the topic are skipped (they were stored when they were published): declaring them
     * self-deduplicated spares each of them a lookup and a row in consumed_event.
     */
    @Override
    public boolean deduplicatesItself(IncomingEvent event) {
        return own(event);
    }

    @Override
    public List<Rejection> apply(List<IncomingEvent> events) {
        List<IncomingEvent> foreign = events.stream().filter(e -> !own(e)).toList();
        if (foreign.isEmpty()) {
            return List.of();
        }
        Map<String, Member> members = organisation.membersById(foreign.stream().map(e -> ExternalStudyRules.memberId(e.event()))
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        Map<Integer, BigDecimal> passScores = new HashMap<>();
        List<Rejection> rejections = new ArrayList<>();
        Map<StudyKind<? extends StudyRecord>, List<StudyRecord>> rows = new LinkedHashMap<>();
        for (IncomingEvent event : foreign) {
            if (isMeeting(event)) {
                // a meeting is applied at once, in arrival order (a revision after its recording); its completions are this service's events
                try {
                    meetings.absorb(event.event());
                } catch (InvalidEventException e) {
                    rejections.add(new Rejection(event, e.getMessage()));
                }
                continue;
            }
            try {
                ExternalStudyRules.Accepted accepted = ExternalStudyRules.read(event.event(), members, year -> passScores.computeIfAbsent(year,
                        y -> indicators.current(y).map(s -> s.examPassScore()).orElse(new BigDecimal("60"))));
                rows.computeIfAbsent(accepted.kind(), k -> new ArrayList<>()).add(accepted.record());
            } catch (InvalidEventException e) {
                rejections.add(new Rejection(event, e.getMessage()));
            }
        }
        rows.forEach(this::absorb);
        return rejections;
    }

    private static boolean isMeeting(IncomingEvent event) {
        return EventTypes.MEETING_RECORDED.equals(event.event().type()) || EventTypes.MEETING_REVISED.equals(event.event().type());
    }

    private boolean own(IncomingEvent event) {
        return publisher.source().equals(event.event().source());
    }

    @SuppressWarnings("unchecked")
    private <R extends StudyRecord> void absorb(StudyKind<? extends StudyRecord> kind, List<StudyRecord> rows) {
        store.absorb((StudyKind<R>) kind, (List<R>) (List<?>) rows);
    }
}
