package cn.partybuilding.benchmark;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** The synthetic county of the benchmark, written as the events assessment-service would publish. */
final class BenchEvents {
    static final String SOURCE = "/benchmark";
    static final String[] ACTIVITIES = {"WEEKLY_STUDY", "MONTHLY_DISCUSSION", "QUARTERLY_LECTURE", "EXAM", "ANNUAL_REVIEW",
            "BRANCH_ASSEMBLY", "BRANCH_COMMITTEE", "GROUP_MEETING", "PARTY_LECTURE", "THEME_DAY"};
    static final OffsetDateTime TIME = OffsetDateTime.of(2026, 10, 31, 12, 0, 0, 0, ZoneOffset.ofHours(8));

    private BenchEvents() {
    }

    static String unitCode(int unit) {
        return String.format("B%04d", unit);
    }

    static String memberId(int unit, int member) {
        return String.format("B%04d-M%03d", unit, member);
    }

    static CloudEvent unit(int unit) {
        ObjectNode data = CloudEventCodec.MAPPER.createObjectNode()
                .put("unitCode", unitCode(unit)).put("name", "基准测试单位" + unit).put("category", "党政机关");
        return CloudEvent.of(SOURCE, EventTypes.UNIT_REGISTERED, unitCode(unit), data);
    }

    static CloudEvent member(int unit, int member) {
        String role = member == 0 ? "SECRETARY" : member == 1 ? "PRINCIPAL_LEADER" : member < 4 ? "COMMITTEE_MEMBER" : "MEMBER";
        ObjectNode data = CloudEventCodec.MAPPER.createObjectNode()
                .put("memberId", memberId(unit, member)).put("unitCode", unitCode(unit)).put("name", "党员" + unit + "-" + member)
                .put("rank", member % 5 == 0 ? "DEPUTY_DIVISION_OR_ABOVE" : "SECTION_OR_BELOW").put("role", role).put("active", true);
        data.putNull("organizationId");
        data.putNull("email");
        return CloudEvent.of(SOURCE, EventTypes.MEMBER_REGISTERED, unitCode(unit), data);
    }

    /** 6 dimensions; {@code indicators} indicators in all, the first of dimension 2 STUDY_RATE, then EXAM_PASS_RATE and PLATFORM_POINTS. */
    static CloudEvent indicatorSystem(int indicators) {
        String[][] dimensions = {{"POLITICAL", "政治建设", "25"}, {"IDEOLOGICAL", "思想建设", "25"}, {"ORGANISATIONAL", "组织建设", "20"},
                {"CONDUCT", "作风建设", "10"}, {"DISCIPLINE", "纪律建设", "10"}, {"RESPONSIBILITY", "责任落实", "10"}};
        ObjectNode data = CloudEventCodec.MAPPER.createObjectNode().put("year", 2026).put("version", 1).put("bonusCap", 5).put("examPassScore", 60);
        ArrayNode dims = data.putArray("dimensions");
        int perDimension = Math.max(1, indicators / dimensions.length);
        int made = 0;
        for (int d = 0; d < dimensions.length; d++) {
            ObjectNode dim = dims.addObject().put("code", dimensions[d][0]).put("name", dimensions[d][1]).put("weight", Integer.parseInt(dimensions[d][2]));
            ArrayNode list = dim.putArray("indicators");
            int count = d == dimensions.length - 1 ? indicators - made : perDimension;
            double max = 100.0 / count;
            for (int i = 0; i < count; i++, made++) {
                String kind = d == 1 && i == 0 ? "STUDY_RATE" : d == 1 && i == 1 ? "EXAM_PASS_RATE" : d == 1 && i == 2 ? "PLATFORM_POINTS" : "MANUAL";
                ObjectNode indicator = list.addObject().put("code", indicatorCode(made)).put("name", "指标" + made)
                        .put("maxPoints", Math.round(max * 100) / 100.0).put("kind", kind);
                if (kind.equals("STUDY_RATE")) {
                    indicator.putArray("activityTypes").add("WEEKLY_STUDY").add("MONTHLY_DISCUSSION").add("THEME_DAY");
                }
                if (kind.equals("PLATFORM_POINTS")) {
                    indicator.put("platformPointsTarget", 900);
                }
            }
        }
        ArrayNode plan = data.putArray("studyPlan");
        plan.addObject().put("activityType", "WEEKLY_STUDY").put("frequency", "WEEKLY").put("attendees", "ALL_MEMBERS");
        plan.addObject().put("activityType", "MONTHLY_DISCUSSION").put("frequency", "MONTHLY").put("attendees", "ALL_MEMBERS");
        plan.addObject().put("activityType", "THEME_DAY").put("frequency", "MONTHLY").put("attendees", "ALL_MEMBERS");
        return CloudEvent.of(SOURCE, EventTypes.INDICATOR_SYSTEM_PUBLISHED, "COMMITTEE", data);
    }

    static String indicatorCode(int i) {
        return String.format("I%02d", i);
    }

    /**
     * The k-th completion of a member: distinct (activityType, date) for k < 270. From Monday 5 October: weekly study counts
     * in the month of its week's Monday (issue 13.1), so a session on 1–4 October counted for September, every member of
     * the publication county fell below the study threshold and the month sent 50,000 reminders instead of ~12,500.
     */
    static CloudEvent completion(int unit, int member, int k) {
        LocalDate date = LocalDate.of(2026, 10, 5 + k / ACTIVITIES.length);
        ObjectNode data = CloudEventCodec.MAPPER.createObjectNode()
                .put("memberId", memberId(unit, member)).put("unitCode", unitCode(unit))
                .put("activityType", ACTIVITIES[k % ACTIVITIES.length]).put("date", date.toString()).put("minutes", 45);
        return CloudEvent.withId(UUID.randomUUID().toString(), SOURCE, EventTypes.STUDY_COMPLETED, unitCode(unit), TIME, data);
    }

    static CloudEvent assessment(int unit, String indicator, String period, double score) {
        String id = unitCode(unit) + "/" + indicator + "/" + period;
        ObjectNode data = CloudEventCodec.MAPPER.createObjectNode()
                .put("assessmentId", id).put("revision", 1).put("unitCode", unitCode(unit)).put("indicatorCode", indicator)
                .put("period", period).put("score", score).put("assessor", "bench").put("systemYear", 2026).put("systemVersion", 1);
        return CloudEvent.of(SOURCE, EventTypes.ASSESSMENT_RECORDED, unitCode(unit), data);
    }

    /** assessment-service locked the month: reporting-service publishes a month only once it is locked (frozen months). */
    static CloudEvent periodLocked(String period) {
        ObjectNode data = CloudEventCodec.MAPPER.createObjectNode().put("period", period).put("by", "bench");
        return CloudEvent.of(SOURCE, EventTypes.PERIOD_LOCKED, cn.partybuilding.contracts.Topics.COMMITTEE_SUBJECT, data);
    }
}
