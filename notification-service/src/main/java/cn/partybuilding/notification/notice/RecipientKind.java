package cn.partybuilding.notification.notice;

/** Who a notice is addressed to (NoticeRequest.recipient.kind). */
public enum RecipientKind {
    UNIT("单位"),
    MEMBER("党员"),
    BRANCH_SECRETARY("支部书记"),
    UNIT_SECRETARY("党组（党委）书记"),
    PRINCIPAL_LEADER("主要负责人"),
    COMMITTEE("县直机关工委");

    private final String label;

    RecipientKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static RecipientKind parse(String value) {
        if (value == null) {
            return null;
        }
        for (RecipientKind k : values()) {
            if (k.name().equals(value)) {
                return k;
            }
        }
        return null;
    }
}
