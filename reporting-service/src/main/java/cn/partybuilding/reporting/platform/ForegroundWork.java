package cn.partybuilding.reporting.platform;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Work a user waits for (a publication) that background precomputation gives way to: on two cores, a bulk pass over
 * a thousand scorecards running beside a publication doubled its time.
 */
@ApplicationScoped
public class ForegroundWork {
    private final AtomicInteger running = new AtomicInteger();

    public void enter() {
        running.incrementAndGet();
    }

    public void exit() {
        running.decrementAndGet();
    }

    public boolean busy() {
        return running.get() > 0;
    }
}
