package cn.partybuilding.reporting.ingest;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/** Bumped after every commit that changed facts; caches of computed rankings compare against it. */
@ApplicationScoped
public class FactsVersion {
    private final AtomicLong version = new AtomicLong();

    public long current() {
        return version.get();
    }

    public void bump() {
        version.incrementAndGet();
    }
}
