package cn.partybuilding.reporting.ranking;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The tests that send their events through the real broker: one {@link EventFixtures} producer per test class, opened
 * before its first test and closed after its last (a subclass's own {@code @BeforeAll} runs after the opening, its
 * {@code @AfterAll} before the closing).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WithEventFixtures {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    EventFixtures events;

    @BeforeAll
    void openEventFixtures() {
        events = new EventFixtures(bootstrap);
    }

    @AfterAll
    void closeEventFixtures() {
        events.close();
    }
}
