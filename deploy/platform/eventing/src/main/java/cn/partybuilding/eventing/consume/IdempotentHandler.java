package cn.partybuilding.eventing.consume;

import cn.partybuilding.contracts.DataReader;
import cn.partybuilding.eventing.BatchHandler;
import cn.partybuilding.eventing.IncomingEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Idempotent consumption, the one implementation every consumer uses: in ONE transaction per poll, drop ids repeated in
 * the poll or recorded in {@code consumed_event}, let the service's {@link EventApplier} apply the rest, record their ids.
 * If the database refuses a value (SQLState class 22 or 23: too long, out of range, a constraint), the whole poll
 * would fail forever and block its partitions; instead the poll is applied again one transaction per event and the
 * refused events are rejected (dead-lettered) with the database's reason, so the partition moves on.
 */
public final class IdempotentHandler implements BatchHandler {
    private final EventApplier applier;
    private final ConsumedEvents consumed;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter rejected;

    public IdempotentHandler(String consumer, EventApplier applier, ConsumedEvents consumed, MeterRegistry registry) {
        this.applier = applier;
        this.consumed = consumed;
        this.applied = counter(registry, consumer, "applied");
        this.duplicates = counter(registry, consumer, "duplicate");
        this.rejected = counter(registry, consumer, "rejected");
    }

    private static Counter counter(MeterRegistry registry, String consumer, String outcome) {
        return Counter.builder("eventing.consumer.events").tag("consumer", consumer).tag("outcome", outcome)
                .description("events handed to the consumer, by outcome (duplicates were applied before)").register(registry);
    }

    @Override
    public DataReader dataReader(String topic) {
        return applier.dataReader(topic);
    }

    @Override
    public List<Rejection> handle(List<IncomingEvent> batch) {
        List<IncomingEvent> distinct = distinctIds(batch);
        duplicates.increment(batch.size() - distinct.size());
        try {
            return inTransaction(distinct);
        } catch (RuntimeException e) {
            if (refusedValue(e) == null) {
                throw e; // transient (database away, deadlock, a race between loops): the loop retries the poll
            }
        }
        List<Rejection> rejections = new ArrayList<>();
        for (IncomingEvent event : distinct) {
            try {
                rejections.addAll(inTransaction(List.of(event)));
            } catch (RuntimeException e) {
                SQLException refused = refusedValue(e);
                if (refused == null) {
                    throw e;
                }
                rejected.increment();
                rejections.add(new Rejection(event, "refused by the database: " + firstLine(refused.getMessage())));
            }
        }
        return rejections;
    }

    private List<Rejection> inTransaction(List<IncomingEvent> events) {
        Outcome outcome = QuarkusTransaction.requiringNew().call(() -> applyOnce(events));
        applier.committed(outcome.applied());
        applied.increment(outcome.applied().size());
        duplicates.increment(outcome.duplicates());
        rejected.increment(outcome.rejections().size());
        return outcome.rejections();
    }

    private record Outcome(List<IncomingEvent> applied, List<Rejection> rejections, int duplicates) {
    }

    private Outcome applyOnce(List<IncomingEvent> events) throws Exception {
        consumed.planForParameters();
        // identity sets: an event's equality would hash its whole JSON payload
        List<IncomingEvent> tracked = new ArrayList<>();
        for (IncomingEvent e : events) {
            if (!applier.deduplicatesItself(e)) {
                tracked.add(e);
            }
        }
        Set<IncomingEvent> fresh = identitySet();
        fresh.addAll(consumed.unconsumed(tracked));
        List<IncomingEvent> toApply;
        if (tracked.isEmpty()) {
            toApply = events; // a poll of self-deduplicating events only (the study hot path): no lookup per event
        } else {
            toApply = new ArrayList<>(events.size());
            for (IncomingEvent e : events) {
                if (fresh.contains(e) || applier.deduplicatesItself(e)) {
                    toApply.add(e); // in poll order: each partition's order holds
                }
            }
        }
        List<Rejection> rejections = toApply.isEmpty() ? List.of() : applier.apply(toApply);
        Set<IncomingEvent> refused = identitySet();
        rejections.forEach(r -> refused.add(r.event()));
        if (rejections.isEmpty() && fresh.isEmpty()) {
            return new Outcome(toApply, rejections, events.size() - toApply.size());
        }
        List<IncomingEvent> done = new ArrayList<>(toApply.size());
        List<IncomingEvent> record = new ArrayList<>(fresh.size());
        for (IncomingEvent e : toApply) {
            if (!refused.contains(e)) {
                done.add(e);
                if (fresh.contains(e)) {
                    record.add(e);
                }
            }
        }
        // a rejected id stays unrecorded: if the dead letter is lost with a crash, the redelivery rejects it again
        consumed.record(record);
        return new Outcome(done, rejections, events.size() - toApply.size());
    }

    private static Set<IncomingEvent> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private static List<IncomingEvent> distinctIds(List<IncomingEvent> batch) {
        Map<String, IncomingEvent> first = new LinkedHashMap<>(batch.size() * 2);
        for (IncomingEvent e : batch) {
            first.putIfAbsent(e.id(), e);
        }
        return first.size() == batch.size() ? batch : new ArrayList<>(first.values());
    }

    /**
     * The database's refusal of a value (SQLState class 22 data exception, 23 integrity constraint), or null for anything
     * else. 23505 (unique violation) is a race, not a bad value: two loops inserted the same new key; the retried poll
     * finds the row.
     */
    public static SQLException refusedValue(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                // the last refusal of the next-exception chain: a JDBC batch's own exception quotes the whole statement
                // with its values (personal data, and not the reason); the server's error comes after it
                SQLException refusal = null;
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    if (state != null && (state.startsWith("22") || state.startsWith("23")) && !"23505".equals(state)) {
                        refusal = s;
                    }
                }
                if (refusal != null) {
                    return refusal;
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
}
