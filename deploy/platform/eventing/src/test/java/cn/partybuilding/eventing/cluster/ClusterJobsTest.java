package cn.partybuilding.eventing.cluster;

import cn.partybuilding.eventing.sample.PlatformTestResources;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scheduled jobs of several instances against one database: each period the job runs on one of them only. */
@QuarkusTest
@PlatformTestResources
class ClusterJobsTest {
    @Inject
    ClusterJobs jobs;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void ofInstancesFiringAtOnceOneRunsTheJobAndTheNextPeriodRunsItAgain() throws Exception {
        List<ClusterJobs> instances = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            instances.add(instance("node-" + i));
        }
        AtomicInteger runs = new AtomicInteger();
        CyclicBarrier fire = new CyclicBarrier(instances.size());
        CountDownLatch done = new CountDownLatch(instances.size());
        for (ClusterJobs instance : instances) {
            new Thread(() -> {
                try {
                    fire.await();
                    instance.runOnce("test-job", "2s", runs::incrementAndGet);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        assertEquals(1, runs.get(), "four instances fired at once, one ran the job");

        assertFalse(instances.get(0).runOnce("test-job", "2s", runs::incrementAndGet), "not again within the period");
        assertTrue(jobs.runOnce("another-job", "2s", runs::incrementAndGet), "jobs are claimed by name");
        Thread.sleep(1700); // past 80% of the period
        assertTrue(instances.get(3).runOnce("test-job", "2s", runs::incrementAndGet), "the next period runs it again");
        assertEquals(3, runs.get());
    }

    private ClusterJobs instance(String name) {
        ClusterJobs instance = new ClusterJobs();
        instance.dataSource = dataSource;
        instance.instanceId = Optional.of(name);
        return instance;
    }
}
