package cn.partybuilding.security;

import java.util.Set;

/**
 * The county's roles, as the identity provider puts them in the token's {@code roles} claim. What each may do is
 * the role matrix of the services' READMEs; the constants exist so that {@code @RolesAllowed} names are checked by
 * the compiler.
 */
public final class Roles {
    /** 县直机关工委: everything, including lock/reopen, publication, replay and the audit trail. */
    public static final String COMMITTEE_ADMIN = "COMMITTEE_ADMIN";
    /** 考评人员: scores, corrections, findings, bonuses; reads every unit. */
    public static final String ASSESSOR = "ASSESSOR";
    /** 审计/纪检: reads everything, the audit trail included; writes nothing. */
    public static final String AUDITOR = "AUDITOR";
    /** 单位党组织书记: its own unit only (the unit code is the token's {@code unit_code} claim). */
    public static final String UNIT_SECRETARY = "UNIT_SECRETARY";
    /** 党员: its own study record and notices (the token's {@code member_id} claim). */
    public static final String MEMBER = "MEMBER";
    /** 学习平台 (a service account): the study, exam and points batch endpoints only. */
    public static final String LEARNING_PLATFORM = "LEARNING_PLATFORM";
    /**
     * 述职评议评委: scores the units' annual debriefs (reporting-service), for a year whose panel names the reviewer by
     * username; reads nothing else.
     */
    public static final String DEBRIEF_REVIEWER = "DEBRIEF_REVIEWER";

    /** The roles that see every unit; any other caller sees only its own unit or itself. */
    public static final Set<String> COUNTY_WIDE = Set.of(COMMITTEE_ADMIN, ASSESSOR, AUDITOR);

    private Roles() {
    }
}
