package cn.partybuilding.notification.delivery;

import cn.partybuilding.notification.notice.Notice;
import cn.partybuilding.notification.notice.RecipientKind;
import cn.partybuilding.security.Caller;
import cn.partybuilding.security.Roles;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who may read and who may sign (签收) a notice. County-wide roles read every notice. Anyone else reads exactly the
 * notices addressed to it, which are also the ones it may sign:
 * <ul>
 *   <li>a member (role MEMBER, claim {@code member_id}) the notices whose recipient id is its member id — its own, and
 *       a 督办通知 sent to it as the holder of a role;</li>
 *   <li>a unit secretary (role UNIT_SECRETARY, claim {@code unit_code}; the realm gives it to the unit's secretary and
 *       principal leader) the notices of its unit addressed to the unit or one of its roles (UNIT, BRANCH_SECRETARY,
 *       UNIT_SECRETARY, PRINCIPAL_LEADER), not those to a member of the unit (a member's notice is the member's) and
 *       not a 督办通知 about the unit sent to the committee.</li>
 * </ul>
 * The committee admin reads everything but signs only what is addressed to the committee: a 签收 says the addressee
 * received the notice, so nobody may sign in another's name. Everything not visible answers like a notice that does
 * not exist (404), so that a probe cannot learn which ids exist.
 */
final class NoticeAccess {
    /** The recipient kinds a unit's secretary answers for. */
    static final Set<RecipientKind> UNIT_KINDS = EnumSet.of(RecipientKind.UNIT, RecipientKind.BRANCH_SECRETARY,
            RecipientKind.UNIT_SECRETARY, RecipientKind.PRINCIPAL_LEADER);

    /** What of the caller the rule reads (a record, so that the rule is tested without a token). */
    record Who(boolean countyWide, boolean committeeAdmin, Optional<String> secretaryOf, Optional<String> memberId) {
        static Who of(Caller caller) {
            return new Who(caller.isCountyWide(), caller.has(Roles.COMMITTEE_ADMIN),
                    caller.has(Roles.UNIT_SECRETARY) ? caller.unitCode() : Optional.empty(),
                    caller.has(Roles.MEMBER) ? caller.memberId() : Optional.empty());
        }
    }

    private NoticeAccess() {
    }

    static boolean mayRead(Who who, Notice n) {
        return who.countyWide() || addressedTo(who, n);
    }

    static boolean maySign(Who who, Notice n) {
        return addressedTo(who, n) || (who.committeeAdmin() && n.recipientKind == RecipientKind.COMMITTEE);
    }

    /**
     * Whether {@code recipientId} is an inbox the caller owns even while it is empty: its member id, its unit code, or a
     * role address of its unit ({@code <unitCode>:<KIND>}, where escalations go when the roster knows no holder).
     */
    static boolean ownInbox(Who who, String recipientId) {
        if (who.memberId().map(recipientId::equals).orElse(false)) {
            return true;
        }
        return who.secretaryOf().map(unit -> recipientId.equals(unit)
                || UNIT_KINDS.stream().anyMatch(kind -> recipientId.equals(unit + ":" + kind.name()))).orElse(false);
    }

    private static boolean addressedTo(Who who, Notice n) {
        if (who.memberId().map(m -> m.equals(n.recipientId)).orElse(false)) {
            return true;
        }
        return who.secretaryOf().map(unit -> unit.equals(n.unitCode) && UNIT_KINDS.contains(n.recipientKind)).orElse(false);
    }
}
