package cn.partybuilding.reporting.publication;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a republished month (version n > 1) sends besides its ranking (issue 13.5), as plain rules: the 更正通报 instead of
 * a second bulletin, and the withdrawal of every notice the previous version requested that this one no longer does. A
 * republished year follows the same rules ({@link #annualRequests}, {@link #annualWithdrawals}): its 年度通报 becomes an
 * ANNUAL_CORRECTION_BULLETIN citing the version and the reason.
 */
final class Republication {
    static final String CORRECTION_BULLETIN = "CORRECTION_BULLETIN";
    static final String ANNUAL_CORRECTION_BULLETIN = "ANNUAL_CORRECTION_BULLETIN";
    /** The 更正通报 that replaces each bulletin in a republication: the month's, the year's. */
    private static final Map<String, String> CORRECTIONS = Map.of("MONTHLY_BULLETIN", CORRECTION_BULLETIN,
            "ANNUAL_BULLETIN", ANNUAL_CORRECTION_BULLETIN);
    private static final Set<String> BULLETINS = Set.of("MONTHLY_BULLETIN", CORRECTION_BULLETIN, "ANNUAL_BULLETIN", ANNUAL_CORRECTION_BULLETIN);

    /** A notice request a published version emitted (table published_notice). */
    record SentNotice(String noticeKey, String noticeType, String unitCode, String recipientId) {
        static SentNotice of(NoticeRequest r) {
            return new SentNotice(r.noticeKey(), r.noticeType(), r.unitCode(), r.recipient().id());
        }
    }

    private Republication() {
    }

    /**
     * The requests of version {@code version}: as planned, except that from version 2 on the bulletin (already issued, one
     * document under one 文号) becomes a 更正通报 to the same addressees, citing the version and the reason: the month's
     * (notification-service quotes the corrected table of that version) or the year's (the corrected table in its facts).
     */
    static List<NoticeRequest> requests(List<NoticeRequest> planned, int version, String reason) {
        if (version <= 1) {
            return planned;
        }
        List<NoticeRequest> requests = new ArrayList<>(planned.size());
        for (NoticeRequest r : planned) {
            String correction = CORRECTIONS.get(r.noticeType());
            if (correction == null) {
                requests.add(r);
                continue;
            }
            Map<String, Object> facts = new LinkedHashMap<>(r.facts());
            facts.put("version", version);
            facts.put("reason", reason);
            requests.add(new NoticeRequest(NoticeRequest.key(correction, r.recipient().id(), r.period()), correction,
                    r.period(), null, null, r.recipient(), null, facts, r.addressees()));
        }
        return requests;
    }

    /**
     * The notices {@code previous} requested that {@code now} does not (a unit 先进 in version 1 and 后进 in version 2:
     * its 表扬 no longer applies): each is withdrawn, with a reason naming the version and why it was republished. A
     * bulletin is never withdrawn: the 更正通报 supersedes it.
     */
    static List<NoticeWithdrawal> withdrawals(List<SentNotice> previous, List<NoticeRequest> now, String period, int version, String reason) {
        return withdrawn(previous, now, period, version, withdrawalReason(period, version, reason));
    }

    /**
     * The requests of version {@code version} of a year (issue 16.5): version 1 sends the 年度通报 and every 优秀单位's
     * 通报表扬; a republication sends, by the month's rule ({@link #requests}), the year's 更正通报 to the 年度通报's
     * addressees, citing the version and the reason, and otherwise only what the previous version did not request (the
     * commendation of a unit that became 优秀 — one still 优秀 has it already). With {@link #annualWithdrawals} the notices in
     * force are then exactly those the latest version calls for.
     */
    static List<NoticeRequest> annualRequests(List<NoticeRequest> planned, int version, String reason, List<SentNotice> previous) {
        if (version <= 1) {
            return planned;
        }
        Set<String> sent = previous.stream().map(SentNotice::noticeKey).collect(Collectors.toSet());
        return requests(planned, version, reason).stream()
                .filter(r -> r.noticeType().equals(ANNUAL_CORRECTION_BULLETIN) || !BULLETINS.contains(r.noticeType()) && !sent.contains(r.noticeKey()))
                .toList();
    }

    /** The month's rule for a year: the previous version's notices this one no longer calls for (a unit no longer 优秀). */
    static List<NoticeWithdrawal> annualWithdrawals(List<SentNotice> previous, List<NoticeRequest> planned, int year, int version, String reason) {
        return withdrawn(previous, planned, String.valueOf(year), version, annualWithdrawalReason(year, version, reason));
    }

    static String annualWithdrawalReason(int year, int version, String reason) {
        return year + "年度考评结果已更正为第" + version + "版（" + reason + "），本单位不再位列党建工作优秀单位，本通知所依据的结果已不再成立";
    }

    private static List<NoticeWithdrawal> withdrawn(List<SentNotice> previous, List<NoticeRequest> now, String period, int version, String reason) {
        Set<String> still = now.stream().map(NoticeRequest::noticeKey).collect(Collectors.toSet());
        List<NoticeWithdrawal> withdrawals = new ArrayList<>();
        for (SentNotice n : previous) {
            if (!BULLETINS.contains(n.noticeType()) && !still.contains(n.noticeKey())) {
                withdrawals.add(new NoticeWithdrawal(n.noticeKey(), n.noticeType(), period, n.unitCode(), n.recipientId(), version, reason));
            }
        }
        return withdrawals;
    }

    static String withdrawalReason(String period, int version, String reason) {
        return period.substring(0, 4) + "年" + Integer.parseInt(period.substring(5)) + "月考评排名已更正为第" + version + "版（"
                + reason + "），本通知所依据的结果已不再成立";
    }
}
