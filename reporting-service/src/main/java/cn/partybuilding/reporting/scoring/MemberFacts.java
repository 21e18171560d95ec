package cn.partybuilding.reporting.scoring;

import cn.partybuilding.reporting.scoring.Enums.ActivityType;
import cn.partybuilding.reporting.scoring.Enums.MemberRank;
import cn.partybuilding.reporting.scoring.Enums.MemberRole;

import java.util.EnumMap;
import java.util.Map;

/** An active member with the year's completion counts per activity type and month (1..12). */
public final class MemberFacts {
    private final String memberId;
    private final String name;
    private final String unitCode;
    private final String organizationId;
    private final MemberRole role;
    private final MemberRank rank;
    private final String email;
    private final Map<ActivityType, int[]> counts = new EnumMap<>(ActivityType.class);

    public MemberFacts(String memberId, String name, String unitCode, String organizationId, MemberRole role, MemberRank rank, String email) {
        this.memberId = memberId;
        this.name = name;
        this.unitCode = unitCode;
        this.organizationId = organizationId;
        this.role = role;
        this.rank = rank;
        this.email = email;
    }

    public MemberFacts count(ActivityType type, int month, int done) {
        counts.computeIfAbsent(type, t -> new int[13])[month] += done;
        return this;
    }

    /** Completions of {@code type} in months {@code from..to} (inclusive). */
    public int done(ActivityType type, int from, int to) {
        int[] byMonth = counts.get(type);
        if (byMonth == null) {
            return 0;
        }
        int sum = 0;
        for (int m = from; m <= to; m++) {
            sum += byMonth[m];
        }
        return sum;
    }

    public String memberId() {
        return memberId;
    }

    public String name() {
        return name;
    }

    public String unitCode() {
        return unitCode;
    }

    public String organizationId() {
        return organizationId;
    }

    public MemberRole role() {
        return role;
    }

    public MemberRank rank() {
        return rank;
    }

    public String email() {
        return email;
    }
}
