package cn.partybuilding.notification.roster;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.local.KafkaAccess;
import cn.partybuilding.local.TopicProbe;
import cn.partybuilding.notification.notice.RecipientKind;
import cn.partybuilding.notification.support.RosterEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Roster events through the real broker, applied set-based per batch: within a batch the last event of a member wins,
 * a redelivered event changes nothing, an event without a role is dead-lettered and the others still apply.
 */
@QuarkusTest
class RosterIntakeTest {
    static final String DLT = Topics.deadLetter(Topics.ORGANISATION, "notification-service");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    RosterStore roster;

    @Test
    void lastEventOfAMemberWinsAndABrokenOneIsDeadLettered() {
        List<CloudEvent> events = new ArrayList<>();
        events.add(RosterEvents.event(EventTypes.ORGANIZATION_REGISTERED, organization("R301-O1", null)));
        events.add(RosterEvents.event(EventTypes.ORGANIZATION_REGISTERED, organization("R301-O2", "R301-O1")));
        for (int i = 0; i < 300; i++) {
            events.add(RosterEvents.event(EventTypes.MEMBER_REGISTERED, RosterEvents.member("R301", "R301-M" + i, "R301-O2", "党员" + i, "MEMBER", null)));
        }
        // the same member registered as an ordinary member, then made branch secretary with an e-mail: the update wins
        CloudEvent promoted = RosterEvents.event(EventTypes.MEMBER_UPDATED, RosterEvents.member("R301", "R301-M7", "R301-O2", "党员7", "SECRETARY", " dangyuan7@lyj.example.gov.cn "));
        events.add(promoted);
        Map<String, Object> noRole = RosterEvents.member("R301", "R301-X", "R301-O2", "无角色", null, null);
        events.add(RosterEvents.event(EventTypes.MEMBER_REGISTERED, noRole));
        events.forEach(e -> TopicProbe.publishAs(bootstrap, KafkaAccess.ASSESSMENT_SERVICE.name(), Topics.ORGANISATION, e));

        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.readUntil(bootstrap, DLT, Duration.ofSeconds(60),
                seen -> seen.stream().anyMatch(r -> "R301".equals(r.key())));
        assertTrue(dead.stream().filter(r -> "R301".equals(r.key()))
                .allMatch(r -> TopicProbe.header(r, Topics.DLT_REASON_HEADER).contains("member needs memberId, unitCode and role")));
        await().atMost(Duration.ofSeconds(30)).until(() -> count() == 300);

        var secretary = secretaryOf("R301-M1");
        assertEquals("R301-M7", secretary.memberId());
        assertEquals("dangyuan7@lyj.example.gov.cn", secretary.email());

        // a redelivery of the earlier registration (same id) does not undo the promotion
        TopicProbe.publishAs(bootstrap, KafkaAccess.ASSESSMENT_SERVICE.name(), Topics.ORGANISATION, events.get(2 + 7));
        TopicProbe.publishAs(bootstrap, KafkaAccess.ASSESSMENT_SERVICE.name(), Topics.ORGANISATION, RosterEvents.event(EventTypes.MEMBER_REGISTERED, RosterEvents.member("R301", "R301-M300", "R301-O2", "党员300", "MEMBER", null)));
        await().atMost(Duration.ofSeconds(30)).until(() -> count() == 301);
        assertEquals("R301-M7", secretaryOf("R301-M1").memberId());
    }

    /**
     * Issue 13.14: a transfer (revision 2, keyed by the new unit, so possibly on another partition) applied before the
     * registration it follows (revision 1): the older event arriving last does not move the member back.
     */
    @Test
    void theNewestRevisionOfAMemberStaysWhateverOrderTheEventsArriveIn() {
        Map<String, Object> registered = RosterEvents.member("R302", "R302-M1", null, "调动党员", "SECRETARY", "r302@example.gov.cn");
        registered.put("revision", 1);
        registered.put("effectiveFrom", "2026-01-05");
        Map<String, Object> transferred = RosterEvents.member("R303", "R302-M1", null, "调动党员", "MEMBER", "r302@example.gov.cn");
        transferred.put("revision", 2);
        transferred.put("effectiveFrom", "2026-06-01");
        TopicProbe.publishAs(bootstrap, KafkaAccess.ASSESSMENT_SERVICE.name(), Topics.ORGANISATION, RosterEvents.event(EventTypes.MEMBER_UPDATED, transferred));
        await().atMost(Duration.ofSeconds(60)).until(() -> "R303".equals(unitOf("R302-M1")));

        TopicProbe.publishAs(bootstrap, KafkaAccess.ASSESSMENT_SERVICE.name(), Topics.ORGANISATION, RosterEvents.event(EventTypes.MEMBER_REGISTERED, registered));
        // a later event on the older one's key: once it is applied, the older one has been read too
        TopicProbe.publishAs(bootstrap, KafkaAccess.ASSESSMENT_SERVICE.name(), Topics.ORGANISATION, RosterEvents.event(EventTypes.MEMBER_REGISTERED,
                RosterEvents.member("R302", "R302-M2", null, "标记党员", "MEMBER", null)));
        await().atMost(Duration.ofSeconds(60)).until(() -> unitOf("R302-M2") != null);

        assertEquals("R303", unitOf("R302-M1"), "the transfer (revision 2) stays");
        assertTrue(QuarkusTransaction.requiringNew().call(() -> roster.holder(RecipientKind.UNIT_SECRETARY, "R302", null)).isEmpty(),
                "the member is no secretary of the unit he left");
    }

    private static String unitOf(String memberId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RosterMember m = RosterMember.findById(memberId);
            return m == null ? null : m.unitCode;
        });
    }

    private Roster.Person secretaryOf(String memberId) {
        return QuarkusTransaction.requiringNew().call(() -> roster.holder(RecipientKind.BRANCH_SECRETARY, "R301", memberId)).orElseThrow();
    }

    private static long count() {
        return QuarkusTransaction.requiringNew().call(() -> RosterMember.count("unitCode", "R301"));
    }

    private static Map<String, Object> organization(String id, String parent) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("organizationId", id);
        o.put("unitCode", "R301");
        o.put("parentId", parent);
        o.put("kind", parent == null ? "PARTY_COMMITTEE" : "BRANCH");
        o.put("name", parent == null ? "县林业局机关党委" : "县林业局第一支部");
        return o;
    }
}
