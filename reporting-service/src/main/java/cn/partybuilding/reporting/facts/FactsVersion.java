package cn.partybuilding.reporting.facts;

import cn.partybuilding.eventing.cluster.ClusterInvalidations;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generations of the facts, bumped after every commit that changed them; caches compare against them.
 * {@link #current()} changes with every change (the month's live ranking); a unit's {@link #stamp(String)} changes when a
 * change was attributed to that unit or could not be attributed to units (roster, indicator system, period state, replay,
 * publication) — the scorecard cache of the unit.
 * A reader takes the stamp BEFORE reading the facts and stores its result with it: a commit that lands meanwhile bumps
 * after committing, so the stored result no longer matches and is never served.
 *
 * <p>Several instances share one database but each consumes only its partitions: a bump here is also sent to the others
 * ({@link ClusterInvalidations}, PostgreSQL NOTIFY after the commit), which bump the same generations of their own; an
 * instance whose LISTEN connection was lost bumps everything when it is back. No request pays a query for it.
 */
@ApplicationScoped
public class FactsVersion {
    static final String CHANNEL = "reporting_facts";

    @Inject
    AgroalDataSource dataSource;

    private volatile ClusterInvalidations cluster;

    private final AtomicLong any = new AtomicLong();
    private final AtomicLong global = new AtomicLong();
    private final Map<String, AtomicLong> units = new ConcurrentHashMap<>();

    public record Stamp(long global, long unit) {
    }

    public long current() {
        return any.get();
    }

    void onStart(@Observes StartupEvent event) {
        cluster = new ClusterInvalidations(dataSource, CHANNEL, new ClusterInvalidations.Listener() {
            @Override
            public void keys(Collection<String> unitCodes) {
                bumpHere(unitCodes);
            }

            @Override
            public void all() {
                bumpHere();
            }
        }, Duration.ofSeconds(2)).start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Whether changes committed by the other instances reach this one (the LISTEN connection is up). */
    public boolean listening() {
        return cluster != null && cluster.listening();
    }

    /** A change that may concern every unit. */
    public void bump() {
        bumpHere();
        if (cluster != null) {
            cluster.changedAll();
        }
    }

    /** A change that concerns only these units (every month of them). */
    public void bump(Collection<String> unitCodes) {
        bumpHere(unitCodes);
        if (cluster != null) {
            cluster.changed(unitCodes);
        }
    }

    private void bumpHere() {
        global.incrementAndGet();
        any.incrementAndGet();
    }

    private void bumpHere(Collection<String> unitCodes) {
        for (String unit : unitCodes) {
            units.computeIfAbsent(unit, u -> new AtomicLong()).incrementAndGet();
        }
        any.incrementAndGet();
    }

    public Stamp stamp(String unitCode) {
        long g = global.get();
        AtomicLong u = units.get(unitCode);
        return new Stamp(g, u == null ? 0 : u.get());
    }
}
