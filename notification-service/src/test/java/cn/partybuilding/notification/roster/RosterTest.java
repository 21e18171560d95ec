package cn.partybuilding.notification.roster;

import cn.partybuilding.notification.notice.RecipientKind;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RosterTest {
    static final Map<String, String> PARENTS = new HashMap<>();

    static {
        PARENTS.put("O-TOP", null);
        PARENTS.put("O-BR1", "O-TOP");
        PARENTS.put("O-BR2", "O-TOP");
    }

    final Roster roster = new Roster(List.of(
            person("M9", "O-BR1", "MEMBER"),
            person("S2", "O-BR1", "SECRETARY"),
            person("S1", "O-TOP", "SECRETARY"),
            person("S3", "O-BR2", "SECRETARY"),
            person("L1", null, "PRINCIPAL_LEADER"),
            person("M8", "O-BR3", "MEMBER")), PARENTS);

    @Test
    void rolesAreFoundWhereTheRosterPutsThem() {
        assertEquals("S2", roster.holder(RecipientKind.BRANCH_SECRETARY, "M9").orElseThrow().memberId());
        assertEquals("S1", roster.holder(RecipientKind.UNIT_SECRETARY, "M9").orElseThrow().memberId());
        assertEquals("L1", roster.holder(RecipientKind.PRINCIPAL_LEADER, null).orElseThrow().memberId());
    }

    @Test
    void nobodyIsFoundRatherThanTheWrongPerson() {
        // a member of an organisation without a secretary, an unknown member, the committee, and the secretary himself
        assertEquals(Optional.empty(), roster.holder(RecipientKind.BRANCH_SECRETARY, "M8"));
        assertEquals(Optional.empty(), roster.holder(RecipientKind.BRANCH_SECRETARY, "nobody"));
        assertEquals(Optional.empty(), roster.holder(RecipientKind.COMMITTEE, "M9"));
        assertEquals(Optional.empty(), roster.holder(RecipientKind.UNIT_SECRETARY, "S1"));
    }

    @Test
    void withoutATopLevelSecretaryTheFirstSecretaryStandsIn() {
        Roster branchesOnly = new Roster(List.of(person("S3", "O-BR2", "SECRETARY"), person("S2", "O-BR1", "SECRETARY")), PARENTS);
        assertEquals("S2", branchesOnly.holder(RecipientKind.UNIT_SECRETARY, null).orElseThrow().memberId());
    }

    private static Roster.Person person(String id, String org, String role) {
        return new Roster.Person(id, "U1", org, "姓名" + id, role, id.toLowerCase() + "@example.gov.cn");
    }
}
