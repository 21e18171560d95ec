package cn.partybuilding.local;

import cn.partybuilding.broker.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Quarkus test resource: one real Kafka broker (KRaft, from Maven jars) on free ports in a temporary
 * directory, removed after the tests. Use with {@code @QuarkusTestResource(KafkaBrokerResource.class)}.
 * Tests that need to stop and restart the broker reach it through {@link #broker()}.
 *
 * <p>With {@code initArgs = @ResourceArg(name = "principal", value = "<service>")} the broker runs SASL/SCRAM with the
 * ACLs of {@link KafkaAccess} (topics created beforehand) and the service signs in as that principal through its
 * {@code kafka.*} settings; without it, PLAINTEXT as before.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {
    private static volatile KafkaBroker broker;
    private String principal;

    @Override
    public void init(Map<String, String> initArgs) {
        principal = initArgs.get("principal");
    }

    public static KafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("KafkaBrokerResource not started");
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        if (principal == null) {
            broker = KafkaBroker.temporary().start();
            return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
        }
        KafkaAccess.principal(principal);
        broker = KafkaBroker.temporary(KafkaAccess.sasl()).start();
        KafkaAccess.grant(broker);
        return KafkaAccess.serviceProperties(broker, principal);
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
