package cn.partybuilding.reporting.ingest;

import cn.partybuilding.contracts.InvalidEventException;
import cn.partybuilding.eventing.BatchHandler;
import cn.partybuilding.eventing.IncomingEvent;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a poll of organisation, assessment and study events in ONE transaction: parse and validate every event
 * (invalid ones become rejections for the dead-letter topic), drop ids seen earlier in the batch or in
 * {@code processed_event}, then write each kind of fact set-based ({@link FactWriter}).
 */
@ApplicationScoped
public class FactBatchHandler implements BatchHandler {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    FactsVersion factsVersion;

    private final Counter applied;
    private final Counter duplicates;
    private final Counter rejected;

    @Inject
    public FactBatchHandler(MeterRegistry registry) {
        applied = Counter.builder("reporting.ingest.events").tag("outcome", "applied")
                .description("events applied to the reporting facts").register(registry);
        duplicates = Counter.builder("reporting.ingest.events").tag("outcome", "duplicate")
                .description("events skipped because their id was applied before").register(registry);
        rejected = Counter.builder("reporting.ingest.events").tag("outcome", "rejected")
                .description("events rejected as invalid (dead-lettered)").register(registry);
    }

    @Override
    public List<Rejection> handle(List<IncomingEvent> batch) {
        ParsedBatch parsed = new ParsedBatch();
        List<Rejection> rejections = new ArrayList<>();
        Set<String> seen = new HashSet<>(batch.size() * 2);
        int repeatedInBatch = 0;
        for (IncomingEvent incoming : batch) {
            if (!seen.add(incoming.id())) {
                repeatedInBatch++;
                continue;
            }
            try {
                parsed.add(incoming.record().topic(), incoming.event());
            } catch (InvalidEventException e) {
                rejections.add(new Rejection(incoming, e.getMessage()));
            }
        }
        int total = parsed.size();
        int fresh = QuarkusTransaction.requiringNew().call(() -> apply(parsed));
        if (fresh > 0) {
            factsVersion.bump();
        }
        applied.increment(fresh);
        duplicates.increment(repeatedInBatch + total - fresh);
        rejected.increment(rejections.size());
        return rejections;
    }

    private int apply(ParsedBatch parsed) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return FactWriter.apply(connection, parsed);
        }
    }

    public double appliedCount() {
        return applied.count();
    }

    public double duplicateCount() {
        return duplicates.count();
    }

    public double rejectedCount() {
        return rejected.count();
    }
}
