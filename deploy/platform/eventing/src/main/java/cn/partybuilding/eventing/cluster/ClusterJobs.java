package cn.partybuilding.eventing.cluster;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.configuration.DurationConverter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Scheduled jobs that must run once per cluster, not once per instance: every instance's scheduler fires, and the first
 * to claim the job's row in {@code cluster_job} runs it; the others skip until most of the period has passed. The claim
 * is one statement on the database's clock: two instances claiming at once serialise on the row and the second finds it
 * just claimed. A job whose runner dies is simply run by whichever instance fires next after the gap, so jobs must stay
 * idempotent (they are: each item is marked with what was done to it).
 */
@ApplicationScoped
public class ClusterJobs {
    private static final Logger LOG = Logger.getLogger(ClusterJobs.class);

    /** Share of the period within which a job started elsewhere is not started again (schedulers drift a little). */
    private static final double GAP = 0.8;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "eventing.instance-id")
    Optional<String> instanceId;

    /**
     * Runs {@code job} unless another instance (or this one) started it within 80% of {@code every} (the schedule's own
     * syntax: "1h", "PT10M"); returns whether it ran here. A database that cannot be reached skips the run (the next
     * fire tries again).
     */
    public boolean runOnce(String name, String every, Runnable job) {
        if (!claim(name, DurationConverter.parseDuration(every))) {
            return false;
        }
        job.run();
        return true;
    }

    /** Claims the job for this instance; false when it was started within the gap or the database is away. */
    boolean claim(String name, Duration every) {
        long gapMillis = (long) (every.toMillis() * GAP);
        try (Connection c = dataSource.getConnection();
             PreparedStatement claim = c.prepareStatement("""
                     insert into cluster_job (name, last_started_at, last_instance) values (?, now(), ?)
                     on conflict (name) do update set last_started_at = now(), last_instance = excluded.last_instance
                     where cluster_job.last_started_at <= now() - make_interval(secs => ?)
                     returning name""")) {
            claim.setString(1, name);
            claim.setString(2, InstanceName.of(instanceId));
            claim.setDouble(3, gapMillis / 1000.0);
            try (ResultSet rs = claim.executeQuery()) {
                boolean claimed = rs.next();
                if (!claimed) {
                    LOG.debugf("job %s: started elsewhere within %d ms, skipped here", name, gapMillis);
                }
                return claimed;
            }
        } catch (SQLException e) {
            LOG.warnf("job %s: not claimed (%s); the next schedule tries again", name, e.getMessage());
            return false;
        }
    }
}
