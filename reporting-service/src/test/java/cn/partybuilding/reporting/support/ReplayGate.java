package cn.partybuilding.reporting.support;

import cn.partybuilding.reporting.replay.ReplayService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a replay where a test wants it: armed, the replay's thread stops at the next progress it reports (the rebuild
 * started, or a poll applied) until the test opens the gate. Unarmed (every other test) it does nothing.
 */
@ApplicationScoped
public class ReplayGate {
    private volatile CountDownLatch reached;
    private volatile CountDownLatch open;

    /** The next replay stops at its first progress report. */
    public void arm() {
        reached = new CountDownLatch(1);
        open = new CountDownLatch(1);
    }

    /** Waits until the replay stands at the gate. */
    public void awaitHeld() throws InterruptedException {
        if (!reached.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the replay never reached the gate");
        }
    }

    public void release() {
        CountDownLatch gate = open;
        open = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    void on(@Observes ReplayService.Progress progress) throws InterruptedException {
        CountDownLatch gate = open;
        if (gate == null) {
            return;
        }
        reached.countDown();
        gate.await(120, TimeUnit.SECONDS);
    }
}
