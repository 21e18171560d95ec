package cn.partybuilding.assessment.common;

import cn.partybuilding.security.Caller;

/** Who acted, as the service stores it in its own records (assessor, changed_by): the signed-in caller's name. */
public final class Actor {
    /** The width of the service's actor columns. */
    public static final int MAX_LENGTH = 100;

    private Actor() {
    }

    /** The caller's name, cut to the column's width: it comes from the identity provider, not from the request. */
    public static String of(Caller caller) {
        String name = caller.name().strip();
        return name.length() <= MAX_LENGTH ? name : name.substring(0, MAX_LENGTH);
    }
}
