package cn.partybuilding.notification.delivery;

import cn.partybuilding.notification.notice.Notice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** REST views of notices. */
public final class NoticeViews {
    private NoticeViews() {
    }

    /** A line of an inbox. */
    public record Summary(String id, String noticeKey, String noticeType, String typeLabel, String documentNumber,
                          String title, String period, String unitCode, String recipientId, Instant issuedAt,
                          boolean acknowledged, Instant acknowledgedAt, boolean withdrawn, String withdrawalReason, String state) {
        static Summary of(Notice n) {
            return new Summary(n.id, n.noticeKey, n.type.name(), n.type.label(), n.documentNumber, n.title, n.period,
                    n.unitCode, n.recipientId, n.issuedAt, n.acknowledged(), n.acknowledgedAt, n.withdrawnAt != null,
                    n.withdrawalReason, stateOf(n));
        }
    }

    /** The whole notice with its delivery state. */
    public record Detail(String id, String noticeKey, String noticeType, String typeLabel, String documentNumber,
                         String title, String body, String document, String issuer, LocalDate issueDate, String period,
                         String unitCode, String unitName, String recipientId, String recipientKind, String recipientName,
                         LocalDate deadline, Instant issuedAt, Acknowledgement acknowledgement, int escalationLevel,
                         String escalatedFrom, Instant escalatedAt, String escalatedTo, List<DeliveryState> deliveries,
                         boolean withdrawn, Instant withdrawnAt, String withdrawalReason, String withdrawalNoticeId,
                         String reissueOf, String state) {
        static Detail of(Notice n, List<Delivery> deliveries) {
            return new Detail(n.id, n.noticeKey, n.type.name(), n.type.label(), n.documentNumber, n.title, n.body, n.document,
                    n.issuer, n.issueDate, n.period, n.unitCode, n.unitName, n.recipientId, n.recipientKind.name(),
                    n.recipientName, n.deadline, n.issuedAt,
                    n.acknowledged() ? new Acknowledgement(n.acknowledgedBy, n.acknowledgedAt) : null,
                    n.escalationLevel, n.escalatedFrom, n.escalatedAt, n.escalatedTo,
                    deliveries.stream().map(DeliveryState::of).toList(), n.withdrawnAt != null, n.withdrawnAt, n.withdrawalReason,
                    n.withdrawalNoticeId, n.reissueOf, stateOf(n));
        }
    }

    /** What the inbox shows beside the title: 已撤回 (issue 13.5), 已签收 or 未签收. */
    static String stateOf(Notice n) {
        return n.withdrawnAt != null ? "已撤回" : n.acknowledged() ? "已签收" : "未签收";
    }

    /** 签收: who and when. */
    public record Acknowledgement(String by, Instant at) {
    }

    public record DeliveryState(String channel, String status, int attempts, String lastError, Instant nextAttemptAt,
                                Instant sentAt) {
        static DeliveryState of(Delivery d) {
            return new DeliveryState(d.channel.name(), d.status.name(), d.attempts, d.lastError, d.nextAttemptAt, d.sentAt);
        }
    }
}
