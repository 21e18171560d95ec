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
        List<IncomingEvent> accepted = new ArrayList<>(batch.size());
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
                accepted.add(incoming);
            } catch (InvalidEventException e) {
                rejections.add(new Rejection(incoming, e.getMessage()));
            }
        }
        int total = parsed.size();
        int fresh;
        Set<String> touched = parsed.touchedUnits();
        try {
            fresh = QuarkusTransaction.requiringNew().call(() -> apply(parsed));
        } catch (RuntimeException e) {
            if (dataError(e) == null) {
                throw e; // transient (database down, deadlock): the loop retries the whole batch
            }
            fresh = oneByOne(accepted, rejections);
            total = accepted.size();
        }
        if (fresh > 0) {
            // after the commit: a cached figure computed before it carries an older stamp and is not served again
            if (touched == null) {
                factsVersion.bump();
            } else {
                factsVersion.bump(touched);
            }
        }
        applied.increment(fresh);
        duplicates.increment(repeatedInBatch + total - fresh);
        rejected.increment(rejections.size());
        return rejections;
    }

    /**
     * A value the database refuses (too long, out of range: SQLState class 22 or 23) would fail the batch forever; after
     * such a failure the batch's events are applied one transaction each and the refused ones are rejected with the
     * database's reason. Only on this rare path is there a transaction per event.
     */
    private int oneByOne(List<IncomingEvent> events, List<Rejection> rejections) {
        int fresh = 0;
        for (IncomingEvent incoming : events) {
            ParsedBatch single = new ParsedBatch();
            single.add(incoming.record().topic(), incoming.event());
            try {
                fresh += QuarkusTransaction.requiringNew().call(() -> apply(single));
            } catch (RuntimeException e) {
                SQLException refused = dataError(e);
                if (refused == null) {
                    throw e;
                }
                rejections.add(new Rejection(incoming, "refused by the database: " + firstLine(refused.getMessage())));
            }
        }
        return fresh;
    }

    private static SQLException dataError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    // 23505 (unique violation) is a race, not a bad value: two consumer loops MERGE-inserted the same new key
                    // (an event published twice under different keys); the retried batch finds the row and updates it
                    if (state != null && (state.startsWith("22") || state.startsWith("23")) && !"23505".equals(state)) {
                        return s;
                    }
                }
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
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
