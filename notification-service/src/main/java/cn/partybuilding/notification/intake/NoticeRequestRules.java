package cn.partybuilding.notification.intake;

import cn.partybuilding.contracts.InvalidEventException;
import cn.partybuilding.notification.notice.NoticeKey;
import cn.partybuilding.notification.notice.NoticeType;
import cn.partybuilding.notification.notice.RecipientKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a notice request against the contract and computes its key. A request that fails is dead-lettered
 * with every reason at once; nothing of it is stored.
 */
public final class NoticeRequestRules {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_ID = 200;

    private NoticeRequestRules() {
    }

    /** A request that passed the checks. */
    public record Valid(String noticeKey, NoticeType type, RecipientKind kind, String unitCode, NoticeRequestView request) {
    }

    public static Valid check(NoticeRequestView r) {
        List<String> problems = new ArrayList<>();
        NoticeType type = NoticeType.parse(r.noticeType());
        if (type == null || !type.requestable()) {
            problems.add("noticeType '" + r.noticeType() + "' is not one of " + Arrays.stream(NoticeType.values())
                    .filter(NoticeType::requestable).map(Enum::name).toList());
        }
        if (blank(r.period())) {
            problems.add("period is missing");
        } else if (r.period().length() > 100 || r.period().contains("|")) {
            problems.add("period '" + r.period() + "' is longer than 100 characters or contains '|'");
        }
        RecipientKind kind = null;
        if (r.recipient() == null) {
            problems.add("recipient is missing");
        } else {
            if (blank(r.recipient().id())) {
                problems.add("recipient.id is missing");
            } else if (r.recipient().id().length() > MAX_ID || r.recipient().id().contains("|")) {
                problems.add("recipient.id is longer than " + MAX_ID + " characters or contains '|'");
            }
            kind = RecipientKind.parse(r.recipient().kind());
            if (kind == null) {
                problems.add("recipient.kind '" + r.recipient().kind() + "' is not one of " + Arrays.toString(RecipientKind.values()));
            }
            String email = r.recipient().email();
            if (email != null && !email.isBlank() && !EMAIL.matcher(email.trim()).matches()) {
                problems.add("recipient.email '" + email + "' is not an e-mail address");
            }
        }
        if (type == NoticeType.MONTHLY_BULLETIN && !blank(r.period()) && !r.period().matches("^\\d{4}-(0[1-9]|1[0-2])$")) {
            problems.add("period of a MONTHLY_BULLETIN must be YYYY-MM, was '" + r.period() + "'");
        }
        String unitCode = !blank(r.unitCode()) ? r.unitCode()
                : kind == RecipientKind.UNIT && r.recipient() != null ? r.recipient().id() : null;
        if (unitCode == null && kind != RecipientKind.COMMITTEE && type != null && type != NoticeType.MONTHLY_BULLETIN) {
            problems.add("unitCode is missing");
        }
        if (!problems.isEmpty()) {
            throw new InvalidEventException("invalid notice request: " + String.join("; ", problems));
        }
        String key = NoticeKey.of(type, r.recipient().id(), r.period());
        if (blank(r.noticeKey())) {
            throw new InvalidEventException("invalid notice request: noticeKey is missing (expected '" + key + "')");
        }
        if (!key.equals(r.noticeKey())) {
            throw new InvalidEventException("invalid notice request: noticeKey '" + r.noticeKey()
                    + "' does not match noticeType|recipient.id|period '" + key + "'");
        }
        return new Valid(key, type, kind, unitCode, r);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
