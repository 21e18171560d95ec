package cn.partybuilding.local;

import cn.partybuilding.broker.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Quarkus test resource: one real Kafka broker (KRaft, from Maven jars) on free ports in a temporary
 * directory, removed after the tests. Use with {@code @QuarkusTestResource(KafkaBrokerResource.class)}.
 * Tests that need to stop and restart the broker reach it through {@link #broker()}.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {
    private static volatile KafkaBroker broker;

    public static KafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("KafkaBrokerResource not started");
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.temporary().start();
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
