package cn.partybuilding.notification.support;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;

import java.util.LinkedHashMap;
import java.util.Map;

/** Roster events as assessment-service publishes them on party.organisation.v1. */
public final class RosterEvents {
    private RosterEvents() {
    }

    public static CloudEvent event(String type, Map<String, Object> data) {
        return CloudEvent.of("/assessment-service", type, (String) data.get("unitCode"), CloudEventCodec.toTree(data));
    }

    public static Map<String, Object> member(String unitCode, String id, String organization, String name, String role, String email) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("memberId", id);
        m.put("unitCode", unitCode);
        m.put("organizationId", organization);
        m.put("name", name);
        m.put("rank", "SECTION_OR_BELOW");
        m.put("role", role);
        m.put("email", email);
        m.put("active", true);
        return m;
    }
}
