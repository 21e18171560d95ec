package cn.partybuilding.notification.intake;

import cn.partybuilding.contracts.InvalidEventException;
import cn.partybuilding.notification.notice.NoticeKey;
import cn.partybuilding.notification.notice.NoticeType;
import cn.partybuilding.notification.notice.RecipientKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /**
     * Recipient id and kind of a county-wide document 主送 all units (issue 12.5): one document, one 文号, a copy to each
     * of the request's {@code addressees} (the units' secretaries). Not a {@link RecipientKind}: no notice is addressed
     * to it, only its copies are.
     */
    public static final String ALL_UNITS = "ALL_UNITS";

    /** A request that passed the checks; {@code copies} lists the addressees of a county-wide document (else empty, {@code kind} set). */
    public record Valid(String noticeKey, NoticeType type, RecipientKind kind, String unitCode, NoticeRequestView request,
                        List<Copy> copies, String documentKey) {
    }

    /** One addressee's copy of a county-wide document: its own key (type|addressee|period), inbox, 签收 and deliveries. */
    public record Copy(String noticeKey, RecipientKind kind, String recipientId, String name, String email, String unitCode,
                       String unitName) {
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
            if (ALL_UNITS.equals(r.recipient().kind())) {
                checkAddressees(type, r, problems);
            } else if (kind == null) {
                problems.add("recipient.kind '" + r.recipient().kind() + "' is not one of " + Arrays.toString(RecipientKind.values()));
            }
            String email = r.recipient().email();
            if (email != null && !email.isBlank() && !EMAIL.matcher(email.trim()).matches()) {
                problems.add("recipient.email '" + email + "' is not an e-mail address");
            }
        }
        if (type != null && type.bulletin() && !blank(r.period()) && !r.period().matches("^\\d{4}-(0[1-9]|1[0-2])$")) {
            problems.add("period of a " + type + " must be YYYY-MM, was '" + r.period() + "'");
        }
        if (type != null && type.annual() && !blank(r.period()) && !r.period().matches("^\\d{4}$")) {
            problems.add("period of a " + type + " must be YYYY, was '" + r.period() + "'");
        }
        if (type != null && type.correction() && edition(r) < 2) {
            problems.add("facts.version of a " + type + " must be the corrected publication version (2 or more)");
        }
        String unitCode = !blank(r.unitCode()) ? r.unitCode()
                : kind == RecipientKind.UNIT && r.recipient() != null ? r.recipient().id() : null;
        boolean countyWide = r.recipient() != null && ALL_UNITS.equals(r.recipient().kind());
        if (unitCode == null && kind != RecipientKind.COMMITTEE && !countyWide && type != null && !type.countyWide()) {
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
        // a 更正通报 is issued again for each corrected version: its copies and its document carry the version
        String edition = type.correction() ? "|v" + edition(r) : "";
        List<Copy> copies = !countyWide ? List.of() : r.addressees().stream().map(a -> new Copy(NoticeKey.of(type, a.id(), r.period()) + edition,
                RecipientKind.parse(a.kind()), a.id(), a.name(), blank(a.email()) ? null : a.email().trim(), a.unitCode(), a.unitName())).toList();
        return new Valid(key, type, kind, unitCode, r, copies, key + edition);
    }

    private static int edition(NoticeRequestView r) {
        return r.facts() == null ? 0 : r.facts().path("version").asInt(0);
    }

    /** A county-wide document: a monthly bulletin with at least one addressee, each a readable recipient of a unit. */
    private static void checkAddressees(NoticeType type, NoticeRequestView r, List<String> problems) {
        if (type != null && !type.countyWide()) {
            problems.add("recipient.kind " + ALL_UNITS + " is for a MONTHLY_BULLETIN, CORRECTION_BULLETIN, ANNUAL_BULLETIN or ANNUAL_CORRECTION_BULLETIN only, not " + type);
        }
        if (r.addressees() == null || r.addressees().isEmpty()) {
            problems.add("addressees are missing (recipient.kind " + ALL_UNITS + " needs the units' recipients)");
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < r.addressees().size(); i++) {
            NoticeRequestView.Addressee a = r.addressees().get(i);
            String at = "addressees[" + i + "]";
            if (a == null) {
                problems.add(at + " is null");
                continue;
            }
            if (blank(a.id()) || a.id().length() > MAX_ID || a.id().contains("|")) {
                problems.add(at + ".id is missing, longer than " + MAX_ID + " characters or contains '|'");
            } else if (!ids.add(a.id())) {
                problems.add(at + ".id '" + a.id() + "' is listed twice");
            }
            RecipientKind kind = RecipientKind.parse(a.kind());
            if (kind == null || kind == RecipientKind.COMMITTEE) {
                problems.add(at + ".kind '" + a.kind() + "' is not the recipient kind of a unit");
            }
            if (blank(a.unitCode())) {
                problems.add(at + ".unitCode is missing");
            }
            if (!blank(a.email()) && !EMAIL.matcher(a.email().trim()).matches()) {
                problems.add(at + ".email '" + a.email() + "' is not an e-mail address");
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
