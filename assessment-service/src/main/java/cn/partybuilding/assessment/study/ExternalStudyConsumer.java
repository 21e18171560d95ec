package cn.partybuilding.assessment.study;

import cn.partybuilding.assessment.common.AssessmentConfig;
import cn.partybuilding.assessment.common.EventPublisher;
import cn.partybuilding.assessment.indicator.IndicatorSystemService;
import cn.partybuilding.assessment.organisation.Member;
import cn.partybuilding.assessment.organisation.OrganisationService;
import cn.partybuilding.contracts.InvalidEventException;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.BatchConsumerLoop;
import cn.partybuilding.eventing.BatchHandler;
import cn.partybuilding.eventing.IncomingEvent;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Absorbs study.completed / exam.graded / platform-points.recorded that other systems publish on party.study.v1, so
 * they count here exactly like records entered over REST: stored once per natural key, and a later REST submission of
 * the same record is a repeat (200, no event). This service's own events (source /assessment-service) are skipped.
 * Unreadable events and unknown members go to {@code party.study.v1.<group>.dlt} with the reason.
 */
@ApplicationScoped
public class ExternalStudyConsumer implements BatchHandler {
    @Inject
    AssessmentConfig config;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    OrganisationService organisation;
    @Inject
    IndicatorSystemService indicators;
    @Inject
    StudyStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private BatchConsumerLoop loop;

    void start(@Observes StartupEvent event) {
        if (!config.externalStudy().enabled()) {
            return;
        }
        loop = new BatchConsumerLoop(bootstrap, config.externalStudy().group(), List.of(Topics.STUDY), this, 2000, Duration.ofSeconds(2));
        loop.start("external-study-consumer");
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
    }

    @Override
    public List<Rejection> handle(List<IncomingEvent> batch) {
        List<IncomingEvent> foreign = batch.stream().filter(e -> !EventPublisher.SOURCE.equals(e.event().source())).toList();
        if (foreign.isEmpty()) {
            return List.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> apply(foreign));
    }

    private List<Rejection> apply(List<IncomingEvent> events) throws SQLException {
        Set<String> done = processed(events.stream().map(IncomingEvent::id).toList());
        Map<String, Member> members = organisation.membersById(events.stream().map(e -> ExternalStudyRules.memberId(e.event()))
                .filter(Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
        Map<Integer, BigDecimal> passScores = new HashMap<>();
        List<Rejection> rejections = new ArrayList<>();
        Map<StudyKind<? extends StudyRecord>, List<StudyRecord>> rows = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        Set<String> applied = new HashSet<>();
        for (IncomingEvent event : events) {
            if (done.contains(event.id()) || !seen.add(event.id())) {
                continue;
            }
            try {
                ExternalStudyRules.Accepted accepted = ExternalStudyRules.read(event.event(), members, year -> passScores.computeIfAbsent(year,
                        y -> indicators.current(y).map(s -> s.examPassScore()).orElse(new BigDecimal("60"))));
                rows.computeIfAbsent(accepted.kind(), k -> new ArrayList<>()).add(accepted.record());
                applied.add(event.id());
            } catch (InvalidEventException e) {
                rejections.add(new Rejection(event, e.getMessage()));
            }
        }
        rows.forEach(this::absorb);
        markProcessed(applied);
        return rejections;
    }

    @SuppressWarnings("unchecked")
    private <R extends StudyRecord> void absorb(StudyKind<? extends StudyRecord> kind, List<StudyRecord> rows) {
        store.absorb((StudyKind<R>) kind, (List<R>) (List<?>) rows);
    }

    private Set<String> processed(List<String> ids) throws SQLException {
        Set<String> found = new HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select event_id from processed_event where event_id in ("
                     + String.join(",", Collections.nCopies(ids.size(), "?")) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    private void markProcessed(Set<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into processed_event (event_id) values (?)")) {
            for (String id : ids) {
                ps.setString(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
