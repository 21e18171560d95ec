package cn.partybuilding.reporting.facts;

import jakarta.enterprise.context.ApplicationScoped;

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
 */
@ApplicationScoped
public class FactsVersion {
    private final AtomicLong any = new AtomicLong();
    private final AtomicLong global = new AtomicLong();
    private final Map<String, AtomicLong> units = new ConcurrentHashMap<>();

    public record Stamp(long global, long unit) {
    }

    public long current() {
        return any.get();
    }

    /** A change that may concern every unit. */
    public void bump() {
        global.incrementAndGet();
        any.incrementAndGet();
    }

    /** A change that concerns only these units (every month of them). */
    public void bump(Collection<String> unitCodes) {
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
