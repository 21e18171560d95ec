package cn.partybuilding.eventing.sample;

import cn.partybuilding.local.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The resources of the platform's test application: one real broker, the database behind a cuttable proxy. */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(ProxiedPostgresResource.class)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PlatformTestResources {
}
