package cn.partybuilding.notification.delivery;

import java.time.Instant;

/** What a channel sends: a snapshot of the issued notice, read before the attempt (no transaction held while sending). */
public record Outgoing(String deliveryId, Channel channel, String noticeId, String noticeKey, String noticeType,
                       String documentNumber, String title, String document, String recipientId, String recipientKind,
                       String recipientName, String recipientEmail, String unitCode, String period, Instant issuedAt) {
}
