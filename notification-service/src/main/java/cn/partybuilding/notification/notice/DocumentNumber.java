package cn.partybuilding.notification.notice;

/** Formats document numbers in the committee's style: 县直工委通〔2026〕7号. */
public final class DocumentNumber {
    private DocumentNumber() {
    }

    public static String format(String prefix, int year, int number) {
        if (number < 1) {
            throw new IllegalArgumentException("document numbers start at 1, got " + number);
        }
        return prefix + "〔" + year + "〕" + number + "号";
    }
}
