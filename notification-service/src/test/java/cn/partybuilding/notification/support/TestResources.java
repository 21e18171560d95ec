package cn.partybuilding.notification.support;

import cn.partybuilding.local.KafkaBrokerResource;
import cn.partybuilding.local.PostgresResource;
import cn.partybuilding.local.TestIdentityResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The resources every test of this service runs against (Quarkus applies them to all tests): one real Kafka broker,
 * the database {@code notification_test} (plus {@code TEST_DB_SUFFIX}) on PostgreSQL, and the SMTP and webhook servers.
 */
@QuarkusTestResource(value = KafkaBrokerResource.class, initArgs = @ResourceArg(name = "principal", value = "notification-service"))
@QuarkusTestResource(value = TestIdentityResource.class, initArgs = @ResourceArg(name = "audience", value = "notification-service"))
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "notification_test"))
@QuarkusTestResource(ChannelServersResource.class)
public final class TestResources {
    private TestResources() {
    }
}
