package cn.partybuilding.reporting.scoring;

import cn.partybuilding.reporting.scoring.Enums.ActivityType;
import cn.partybuilding.reporting.scoring.Enums.MemberRank;
import cn.partybuilding.reporting.scoring.Enums.MemberRole;


/**
 * An active member with the year's completion counts per activity type and month (1..12). A month's ranking keeps every
 * member's facts (50,000 in the benchmark county), so the counts are one small array of (type and month, count) pairs
 * instead of a map of a 13-month array per type: ~60 bytes a member instead of ~350.
 */
public final class MemberFacts {
    private final String memberId;
    private final String name;
    private final String unitCode;
    private final String organizationId;
    private final MemberRole role;
    private final MemberRank rank;
    private final String email;
    private static final int[] NONE = new int[0];
    /** Pairs: key (activity type ordinal × 13 + month), count. */
    private int[] counts = NONE;

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
        if (month < 0 || month > 12) {
            throw new IllegalArgumentException("month " + month);
        }
        int key = type.ordinal() * 13 + month;
        for (int i = 0; i < counts.length; i += 2) {
            if (counts[i] == key) {
                counts[i + 1] += done;
                return this;
            }
        }
        int[] grown = java.util.Arrays.copyOf(counts, counts.length + 2);
        grown[counts.length] = key;
        grown[counts.length + 1] = done;
        counts = grown;
        return this;
    }

    /** Completions of {@code type} in months {@code from..to} (inclusive). */
    public int done(ActivityType type, int from, int to) {
        int first = type.ordinal() * 13 + Math.max(from, 0);
        int last = type.ordinal() * 13 + Math.min(to, 12);
        int sum = 0;
        for (int i = 0; i < counts.length; i += 2) {
            if (counts[i] >= first && counts[i] <= last) {
                sum += counts[i + 1];
            }
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
