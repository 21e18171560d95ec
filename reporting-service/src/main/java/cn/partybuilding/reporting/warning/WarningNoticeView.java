package cn.partybuilding.reporting.warning;

import cn.partybuilding.reporting.publication.NoticeRequest;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One notice request emitted by {@code POST /warnings/{period}/run}, as the REST API shows it. Its own record, not the
 * {@code notice.requested} payload ({@link NoticeRequest}): a field added here changes the API only, never the published
 * contract.
 */
public record WarningNoticeView(String noticeKey, String noticeType, String period, String unitCode, String unitName,
                                Recipient recipient, LocalDate deadline, Map<String, Object> facts) {

    public record Recipient(String id, String kind, String name, String email) {
    }

    static WarningNoticeView of(NoticeRequest n) {
        NoticeRequest.Recipient r = n.recipient();
        return new WarningNoticeView(n.noticeKey(), n.noticeType(), n.period(), n.unitCode(), n.unitName(),
                r == null ? null : new Recipient(r.id(), r.kind(), r.name(), r.email()), n.deadline(),
                n.facts() == null ? null : new LinkedHashMap<>(n.facts()));
    }
}
