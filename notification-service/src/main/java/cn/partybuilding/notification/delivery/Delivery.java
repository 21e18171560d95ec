package cn.partybuilding.notification.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** Delivery state of one notice on one channel. */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {
    /** PENDING: to be sent (first attempt or a retry); SENT; FAILED: gave up after the retry window (can be resent). */
    public enum Status { PENDING, SENT, FAILED }

    @Id
    public String id;
    @Column(name = "notice_id")
    public String noticeId;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "sent_at")
    public Instant sentAt;
    /** Start of the retry window: when the notice was issued, or when the committee last resent the delivery. */
    @Column(name = "scheduled_at")
    public Instant scheduledAt;

    public static List<Delivery> ofNotice(String noticeId) {
        return list("noticeId = ?1 order by channel", noticeId);
    }

    public static Delivery of(String noticeId, Channel channel) {
        return find("noticeId = ?1 and channel = ?2", noticeId, channel).firstResult();
    }

    /** PENDING rows whose next attempt is due; SENT rows are never picked again, FAILED ones only after a resend. */
    public static List<Delivery> due(Instant now, int limit) {
        return find("status = ?1 and nextAttemptAt is not null and nextAttemptAt <= ?2 order by nextAttemptAt",
                Status.PENDING, now).page(0, limit).list();
    }
}
