package cn.partybuilding.local;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract check refuses what the document refuses, so a publisher test built on it can fail. */
class AsyncApiContractTest {
    private static final AsyncApiContract CONTRACT = AsyncApiContract.load();

    private static final String MEMBER = """
            {"memberId":"U001-001","unitCode":"U001","organizationId":null,"name":"王伟","rank":"OTHER","role":"MEMBER",
             "email":null,"active":true}""";

    @Test
    void aConformingPayloadHasNoViolations() {
        assertEquals(List.of(), CONTRACT.violations(EventTypes.MEMBER_REGISTERED, MEMBER));
        assertEquals(List.of(), CONTRACT.violations(EventTypes.STUDY_COMPLETED,
                "{\"memberId\":\"M1\",\"unitCode\":\"U001\",\"activityType\":\"WEEKLY_STUDY\",\"date\":\"2026-03-02\"}"));
    }

    @Test
    void aMissingRequiredFieldIsRefusedAndNamed() {
        List<String> problems = CONTRACT.violations(EventTypes.MEMBER_REGISTERED, MEMBER.replace(",\"active\":true", ""));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("active"), problems.toString());
    }

    @Test
    void aWrongTypeAWrongEnumValueAndABadDateAreRefused() {
        assertTrue(CONTRACT.violations(EventTypes.MEMBER_REGISTERED, MEMBER.replace("\"active\":true", "\"active\":\"yes\""))
                .stream().anyMatch(p -> p.contains("active")));
        assertTrue(CONTRACT.violations(EventTypes.MEMBER_REGISTERED, MEMBER.replace("\"OTHER\"", "\"GENERAL\""))
                .stream().anyMatch(p -> p.contains("rank")));
        List<String> date = CONTRACT.violations(EventTypes.STUDY_COMPLETED,
                "{\"memberId\":\"M1\",\"unitCode\":\"U001\",\"activityType\":\"WEEKLY_STUDY\",\"date\":\"2026-02-30\"}");
        assertTrue(date.stream().anyMatch(p -> p.contains("date")), date.toString());
        List<String> period = CONTRACT.violations(EventTypes.PERIOD_LOCKED, "{\"period\":\"2026-13\",\"by\":\"工委\"}");
        assertTrue(period.stream().anyMatch(p -> p.contains("period")), period.toString());
    }

    @Test
    void aFieldTheContractDoesNotNameIsRefused() {
        List<String> problems = CONTRACT.violations(EventTypes.UNIT_REGISTERED, "{\"unitCode\":\"U001\",\"name\":\"县委办\",\"createdBy\":\"admin\"}");
        assertTrue(problems.stream().anyMatch(p -> p.contains("createdBy")), problems.toString());
        // nested objects are closed too (indicator of a dimension)
        String system = """
                {"year":2026,"version":1,"dimensions":[{"code":"D1","name":"政治建设","weight":100,
                 "indicators":[{"code":"P1","name":"学习","maxPoints":100,"kind":"MANUAL","secret":true}]}],"studyPlan":[]}""";
        assertTrue(CONTRACT.violations(EventTypes.INDICATOR_SYSTEM_PUBLISHED, system).stream().anyMatch(p -> p.contains("secret")));
        assertEquals(List.of(), CONTRACT.violations(EventTypes.INDICATOR_SYSTEM_PUBLISHED, system.replace(",\"secret\":true", "")));
    }

    @Test
    void typesAndTopicsComeFromTheDocument() {
        assertEquals(Topics.ORGANISATION, CONTRACT.topicOf(EventTypes.UNIT_REGISTERED));
        assertEquals(Topics.STUDY, CONTRACT.topicOf(EventTypes.EXAM_GRADED));
        assertTrue(CONTRACT.eventTypes().contains(EventTypes.BONUS_GRANTED));
        assertEquals(List.of("type cn.partybuilding.nothing is not in the contract"), CONTRACT.violations("cn.partybuilding.nothing", "{}"));
    }

    @Test
    void assertConformsThrowsWithEveryViolation() throws Exception {
        CloudEvent bad = CloudEvent.of("/test", EventTypes.BONUS_GRANTED, "U001",
                new ObjectMapper().readTree("{\"bonusId\":\"b1\",\"unitCode\":\"U001\",\"period\":\"2026-03\",\"points\":\"1.5\"}"));
        AssertionError error = assertThrows(AssertionError.class, () -> CONTRACT.assertConforms(bad));
        assertTrue(error.getMessage().contains("points"), error.getMessage());
    }
}
