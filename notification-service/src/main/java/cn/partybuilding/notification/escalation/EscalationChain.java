package cn.partybuilding.notification.escalation;

import cn.partybuilding.notification.notice.RecipientKind;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who hears about a notice its recipient did not acknowledge. The chain depends on who the first notice
 * went to; each unacknowledged escalation moves one step further:
 * <pre>
 *   MEMBER           → BRANCH_SECRETARY → UNIT_SECRETARY → COMMITTEE
 *   BRANCH_SECRETARY → UNIT_SECRETARY → COMMITTEE
 *   UNIT             → UNIT_SECRETARY → PRINCIPAL_LEADER → COMMITTEE
 *   UNIT_SECRETARY   → PRINCIPAL_LEADER → COMMITTEE
 *   PRINCIPAL_LEADER → COMMITTEE
 *   COMMITTEE        (end: the committee does not escalate to itself)
 * </pre>
 */
public final class EscalationChain {
    private static final Map<RecipientKind, List<RecipientKind>> CHAINS = Map.of(
            RecipientKind.MEMBER, List.of(RecipientKind.BRANCH_SECRETARY, RecipientKind.UNIT_SECRETARY, RecipientKind.COMMITTEE),
            RecipientKind.BRANCH_SECRETARY, List.of(RecipientKind.UNIT_SECRETARY, RecipientKind.COMMITTEE),
            RecipientKind.UNIT, List.of(RecipientKind.UNIT_SECRETARY, RecipientKind.PRINCIPAL_LEADER, RecipientKind.COMMITTEE),
            RecipientKind.UNIT_SECRETARY, List.of(RecipientKind.PRINCIPAL_LEADER, RecipientKind.COMMITTEE),
            RecipientKind.PRINCIPAL_LEADER, List.of(RecipientKind.COMMITTEE),
            RecipientKind.COMMITTEE, List.of());

    private EscalationChain() {
    }

    /**
     * The next level for a notice at {@code level} (0 = the original notice) of a chain that started with a
     * notice to {@code origin}; empty at the end of the chain.
     */
    public static Optional<RecipientKind> next(RecipientKind origin, int level) {
        List<RecipientKind> chain = CHAINS.get(origin);
        return level < chain.size() ? Optional.of(chain.get(level)) : Optional.empty();
    }

    /** Role-addressed recipient id of an escalation: {@code <unitCode>:<KIND>}, or COMMITTEE. */
    public static String recipientId(RecipientKind kind, String unitCode) {
        if (kind == RecipientKind.COMMITTEE || unitCode == null || unitCode.isBlank()) {
            return RecipientKind.COMMITTEE.name();
        }
        return unitCode + ":" + kind.name();
    }
}
