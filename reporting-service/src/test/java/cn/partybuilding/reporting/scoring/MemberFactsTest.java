package cn.partybuilding.reporting.scoring;

import cn.partybuilding.reporting.scoring.Enums.ActivityType;
import cn.partybuilding.reporting.scoring.Enums.MemberRank;
import cn.partybuilding.reporting.scoring.Enums.MemberRole;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MemberFactsTest {
    private final MemberFacts member = new MemberFacts("M1", "张三", "U1", "O1", MemberRole.MEMBER, MemberRank.OTHER, null);

    @Test
    void countsAddUpPerActivityTypeAndMonth() {
        member.count(ActivityType.WEEKLY_STUDY, 10, 2).count(ActivityType.WEEKLY_STUDY, 10, 1)
                .count(ActivityType.WEEKLY_STUDY, 11, 4).count(ActivityType.MONTHLY_DISCUSSION, 10, 1)
                .count(ActivityType.WEEKLY_STUDY, 12, 5).count(ActivityType.WEEKLY_STUDY, 1, 7);
        assertEquals(3, member.done(ActivityType.WEEKLY_STUDY, 10, 10));
        assertEquals(7, member.done(ActivityType.WEEKLY_STUDY, 10, 11));
        assertEquals(19, member.done(ActivityType.WEEKLY_STUDY, 1, 12));
        assertEquals(9, member.done(ActivityType.WEEKLY_STUDY, 11, 12));
        assertEquals(1, member.done(ActivityType.MONTHLY_DISCUSSION, 1, 12), "another type's counts stay apart");
        assertEquals(0, member.done(ActivityType.THEME_DAY, 1, 12));
        assertEquals(0, member.done(ActivityType.WEEKLY_STUDY, 2, 9), "no completion in those months");
        assertEquals(0, member.done(ActivityType.WEEKLY_STUDY, 11, 10), "an empty range");
    }

    @Test
    void aMonthOutsideTheYearIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> member.count(ActivityType.WEEKLY_STUDY, 13, 1));
    }
}
