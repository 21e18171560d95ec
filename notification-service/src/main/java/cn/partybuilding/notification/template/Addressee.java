package cn.partybuilding.notification.template;

import cn.partybuilding.notification.notice.NoticeType;
import cn.partybuilding.notification.notice.RecipientKind;

/** The 主送 line of a notice: whom the document addresses, from its type and recipient. */
public final class Addressee {
    private Addressee() {
    }

    public static String of(NoticeType type, RecipientKind kind, String unitName, String recipientName) {
        String unit = unitName == null || unitName.isBlank() ? "" : unitName;
        String person = recipientName == null || recipientName.isBlank() ? null : recipientName + "同志";
        if (type.countyWide()) {
            return "各县直机关单位党组（党委）、机关党委（党总支、党支部）";
        }
        return switch (kind) {
            case UNIT -> unit + "党组（党委）";
            case UNIT_SECRETARY -> person != null ? unit + "党组（党委）书记" + person : unit + "党组（党委）书记";
            case PRINCIPAL_LEADER -> person != null ? unit + person : unit + "主要负责同志";
            case BRANCH_SECRETARY -> person != null ? unit + "党支部书记" + person : unit + "党支部书记";
            case MEMBER -> person != null ? person : unit + "党员同志";
            case COMMITTEE -> "县直机关工委办公室";
        };
    }

    /** How the text names the recipient inside a sentence (e.g. in an escalation): 县财政局党组（党委）书记张三同志. */
    public static String inSentence(RecipientKind kind, String unitName, String recipientName) {
        return of(NoticeType.COMMENDATION, kind, unitName, recipientName);
    }
}
