package cn.partybuilding.assessment.events;

import cn.partybuilding.assessment.support.Fixtures;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.KafkaBrokerResource;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 4: with the broker stopped, 100 scores are recorded; after it returns all 100 events arrive once each, in order per unit. */
@QuarkusTest
// the committee's clerk: these tests are about the domain; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class BrokerOutageTest {
    private static final int YEAR = 2019;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void scoresRecordedWhileTheBrokerIsDownArriveExactlyOnceInOrderPerUnit() {
        Fixtures.defineSystem(YEAR);
        List<String> units = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            units.add(Fixtures.unit("断网测试单位" + i));
        }
        Map<String, List<String>> sentPerUnit = new LinkedHashMap<>();
        KafkaBrokerResource.broker().stop();
        try {
            int n = 0;
            outer:
            for (int month = 1; month <= 12; month++) {
                for (String indicator : List.of("P1", "D1")) {
                    for (String unit : units) {
                        if (n++ == 100) {
                            break outer;
                        }
                        String id = Fixtures.score(unit, indicator, String.format("%d-%02d", YEAR, month), 30 + month).statusCode(201)
                                .extract().path("assessmentId");
                        sentPerUnit.computeIfAbsent(unit, u -> new ArrayList<>()).add(id);
                    }
                }
            }
        } finally {
            KafkaBrokerResource.broker().start();
        }
        assertEquals(100, sentPerUnit.values().stream().mapToInt(List::size).sum());

        Set<String> unitSet = Set.copyOf(units);
        List<CloudEvent> arrived = TopicProbe.readUntil(bootstrap, Topics.ASSESSMENT, Duration.ofSeconds(120),
                        seen -> mine(seen.stream().map(TopicProbe::parseOrNull).toList(), unitSet).size() >= 100).stream()
                .map(TopicProbe::parseOrNull).toList();
        List<CloudEvent> mine = mine(arrived, unitSet);

        Map<String, Long> perEventId = mine.stream().collect(Collectors.groupingBy(CloudEvent::id, Collectors.counting()));
        assertEquals(100, perEventId.size(), "100 distinct events");
        assertEquals(Set.of(1L), Set.copyOf(perEventId.values()), "each event exactly once");
        Map<String, List<String>> arrivedPerUnit = new HashMap<>();
        mine.forEach(e -> arrivedPerUnit.computeIfAbsent(e.subject(), u -> new ArrayList<>()).add(e.data().get("assessmentId").asText()));
        assertEquals(sentPerUnit, new LinkedHashMap<>(sentPerUnit.keySet().stream()
                .collect(Collectors.toMap(u -> u, arrivedPerUnit::get, (a, b) -> a, LinkedHashMap::new))), "order per unit");
    }

    private static List<CloudEvent> mine(List<CloudEvent> events, Set<String> units) {
        return events.stream().filter(e -> e != null && EventTypes.ASSESSMENT_RECORDED.equals(e.type()) && units.contains(e.subject())).toList();
    }
}
