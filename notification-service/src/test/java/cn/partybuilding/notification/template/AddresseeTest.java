package cn.partybuilding.notification.template;

import cn.partybuilding.notification.notice.NoticeType;
import cn.partybuilding.notification.notice.RecipientKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AddresseeTest {
    @Test
    void theAddresseeLineFollowsTheRecipient() {
        assertEquals("各县直机关单位党组（党委）、机关党委（党总支、党支部）", Addressee.of(NoticeType.MONTHLY_BULLETIN, RecipientKind.UNIT, "县财政局", null));
        assertEquals("县财政局党组（党委）", Addressee.of(NoticeType.CRITICISM, RecipientKind.UNIT, "县财政局", null));
        assertEquals("县财政局党组（党委）书记李明同志", Addressee.of(NoticeType.CRITICISM, RecipientKind.UNIT_SECRETARY, "县财政局", "李明"));
        assertEquals("县财政局党组（党委）书记", Addressee.of(NoticeType.CRITICISM, RecipientKind.UNIT_SECRETARY, "县财政局", null));
        assertEquals("县财政局主要负责同志", Addressee.of(NoticeType.INTERVIEW, RecipientKind.PRINCIPAL_LEADER, "县财政局", " "));
        assertEquals("县财政局党支部书记孙丽同志", Addressee.of(NoticeType.EDUCATION_REMINDER, RecipientKind.BRANCH_SECRETARY, "县财政局", "孙丽"));
        assertEquals("王建国同志", Addressee.of(NoticeType.STUDY_REMINDER, RecipientKind.MEMBER, "县财政局", "王建国"));
        assertEquals("县直机关工委办公室", Addressee.of(NoticeType.RECTIFICATION_OVERDUE, RecipientKind.COMMITTEE, "县财政局", null));
    }
}
