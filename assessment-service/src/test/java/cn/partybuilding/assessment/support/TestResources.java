package cn.partybuilding.assessment.support;

import cn.partybuilding.local.KafkaBrokerResource;
import cn.partybuilding.local.PostgresResource;
import cn.partybuilding.local.TestIdentityResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The resources every test of this service runs against (Quarkus applies them to all tests): one real Kafka broker and
 * the database {@code assessment_test} (plus {@code TEST_DB_SUFFIX}) on PostgreSQL.
 */
@QuarkusTestResource(value = KafkaBrokerResource.class, initArgs = @ResourceArg(name = "principal", value = "assessment-service"))
@QuarkusTestResource(value = TestIdentityResource.class, initArgs = @ResourceArg(name = "audience", value = "assessment-service"))
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "assessment_test"))
public final class TestResources {
    private TestResources() {
    }
}
