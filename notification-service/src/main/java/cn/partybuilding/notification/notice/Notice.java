package cn.partybuilding.notification.notice;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** One notice to one recipient; once issued it carries its number and rendered text for good. */
@Entity
@Table(name = "notice")
public class Notice extends PanacheEntityBase {
    public enum Status { HELD, ISSUED }

    @Id
    public String id;
    @Column(name = "notice_key")
    public String noticeKey;
    @Enumerated(EnumType.STRING)
    @Column(name = "notice_type")
    public NoticeType type;
    public String period;
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "unit_name")
    public String unitName;
    @Column(name = "recipient_id")
    public String recipientId;
    @Enumerated(EnumType.STRING)
    @Column(name = "recipient_kind")
    public RecipientKind recipientKind;
    @Column(name = "recipient_name")
    public String recipientName;
    @Column(name = "recipient_email")
    public String recipientEmail;
    public LocalDate deadline;
    /** The request's facts, JSON. */
    public String facts;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "document_number")
    public String documentNumber;
    /**
     * The key of the document this notice is a copy of, for a document with many addressees (the monthly bulletin 主送
     * all units, issue 12.5): every copy carries the same 文号. Null for a notice that is a document of its own.
     */
    @Column(name = "document_key")
    public String documentKey;
    /** Issue 13.5: when and why the notice was withdrawn (已撤回), and the 撤回通知 sent to its recipient. */
    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;
    @Column(name = "withdrawal_reason")
    public String withdrawalReason;
    @Column(name = "withdrawal_notice_id")
    public String withdrawalNoticeId;
    /**
     * Which notice of its key this is (1, 2, ...): a key whose notice was withdrawn may be requested again and gets a
     * new notice, the next edition, pointing at the one it follows ({@code reissueOf}). Unique with the key.
     */
    public int edition = 1;
    @Column(name = "reissue_of")
    public String reissueOf;
    public String title;
    public String body;
    /** The whole rendered document: title, number, addressee, body, issuer, date. */
    public String document;
    public String issuer;
    @Column(name = "issue_date")
    public LocalDate issueDate;
    @Column(name = "issued_at")
    public Instant issuedAt;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;
    @Column(name = "escalation_level")
    public int escalationLevel;
    @Column(name = "escalated_from")
    public String escalatedFrom;
    @Column(name = "escalated_at")
    public Instant escalatedAt;
    @Column(name = "escalated_to")
    public String escalatedTo;
    @Column(name = "source_event_id")
    public String sourceEventId;
    /**
     * The trace context under which the notice was issued (null: none): its deliveries and its escalation, which run
     * later on threads of their own, resume it, so an operator follows them by the trace id of what caused the notice.
     */
    public String traceparent;
    @Column(name = "created_at")
    public Instant createdAt;
    /**
     * Optimistic lock: 签收 and the escalation job change the same row from different transactions; an update
     * based on a stale read fails (and is retried, see {@link OptimisticRetry}) instead of overwriting the other.
     */
    @Version
    public long version;

    /** The current notice of a key: its latest edition (the earlier ones are withdrawn). */
    public static Optional<Notice> byKey(String noticeKey) {
        return find("noticeKey = ?1 order by edition desc", noticeKey).firstResultOptional();
    }

    /** Bulletins waiting for their ranking; a withdrawn one stays unissued. */
    public static List<Notice> heldBulletins(String period) {
        return list("status = ?1 and type in ?2 and period = ?3 and withdrawnAt is null", Status.HELD,
                List.of(NoticeType.MONTHLY_BULLETIN, NoticeType.CORRECTION_BULLETIN), period);
    }

    /** The 文号 of a document some copy of which is issued already. */
    public static Optional<String> numberOfDocument(String documentKey) {
        return find("documentKey = ?1 and status = ?2 and documentNumber is not null", documentKey, Status.ISSUED)
                .<Notice>firstResultOptional().map(n -> n.documentNumber);
    }

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }
}
