package cn.partybuilding.eventing;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * A consumer loop in a JVM of its own, for {@link StaticMembershipTest} to kill without a goodbye. Arguments: bootstrap
 * servers, group, topic, instance id ({@code -} for none), session timeout in ms. Prints {@code applied <event id>} for
 * every event it is handed.
 */
public final class StaticMemberProcess {
    public static void main(String[] args) throws InterruptedException {
        Properties base = new Properties();
        base.put("bootstrap.servers", args[0]);
        Properties consumer = (Properties) base.clone();
        consumer.put("session.timeout.ms", args[4]);
        if (!"-".equals(args[3])) {
            consumer.put("group.instance.id", args[3]);
        }
        BatchHandler handler = batch -> {
            batch.forEach(e -> System.out.println("applied " + e.id()));
            System.out.flush();
            return List.of();
        };
        new BatchConsumerLoop(args[1], List.of(args[2]), handler, consumer, base, 100, Duration.ofMillis(200), c -> () -> { })
                .start("killed-member");
        Thread.sleep(Long.MAX_VALUE);
    }

    private StaticMemberProcess() {
    }
}
