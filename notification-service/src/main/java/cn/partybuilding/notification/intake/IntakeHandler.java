package cn.partybuilding.notification.intake;

import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.InvalidEventException;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.BatchHandler.Rejection;
import cn.partybuilding.eventing.IncomingEvent;
import cn.partybuilding.eventing.TraceContext;
import cn.partybuilding.eventing.consume.EventApplier;
import cn.partybuilding.eventing.consume.EventConsumers;
import cn.partybuilding.notification.notice.Notice;
import cn.partybuilding.notification.notice.NoticeService;
import cn.partybuilding.notification.notice.NoticeType;
import cn.partybuilding.notification.ranking.RankingStore;
import cn.partybuilding.notification.ranking.RankingView;
import cn.partybuilding.notification.roster.RosterStore;
import cn.partybuilding.notification.roster.RosterViews;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rules of the service's one consumer ({@code intake}: notice requests, reporting events and the roster, group
 * {@code notification-service}, settings {@code eventing.consumers.intake.*}). The platform runs it: it opens the
 * transaction, drops events consumed before (by event id), records the applied ids and dead-letters the rejections; if
 * the database refuses a value it applies the poll again event by event. Here: roster events first and set-based;
 * rankings of a poll before its requests so a bulletin finds its table; one notice per key (type|recipient|period);
 * a bulletin that still has no ranking waits (HELD).
 */
@ApplicationScoped
public class IntakeHandler implements EventApplier {
    public static final String CONSUMER = "intake";
    /** Copies of one document stored between two clears of the persistence context. */
    private static final int COPIES_PER_FLUSH = 100;

    public static final List<String> TOPICS = List.of(Topics.NOTICE_REQUESTS, Topics.REPORTING, Topics.ORGANISATION);
    private static final Logger LOG = Logger.getLogger(IntakeHandler.class);

    @Inject
    EntityManager em;
    @Inject
    NoticeService notices;
    @Inject
    RankingStore rankings;
    @Inject
    RosterStore roster;

    void register(@Observes StartupEvent ignored, EventConsumers consumers) {
        consumers.register(CONSUMER, TOPICS, this);
    }

    @Override
    public List<Rejection> apply(List<IncomingEvent> events) {
        List<Rejection> rejections = new ArrayList<>();
        List<IncomingEvent> notices = new ArrayList<>();
        // roster events first and set-based (a roster import is tens of thousands of events); only escalations read the roster
        List<RosterViews.Member> members = new ArrayList<>();
        List<RosterViews.Organization> organizations = new ArrayList<>();
        for (IncomingEvent in : events) {
            String type = in.type();
            try {
                if (EventTypes.MEMBER_REGISTERED.equals(type) || EventTypes.MEMBER_UPDATED.equals(type)) {
                    RosterViews.Member member = CloudEventCodec.data(in.event(), RosterViews.Member.class);
                    RosterStore.check(member);
                    members.add(member);
                } else if (EventTypes.ORGANIZATION_REGISTERED.equals(type)) {
                    RosterViews.Organization organization = CloudEventCodec.data(in.event(), RosterViews.Organization.class);
                    RosterStore.check(organization);
                    organizations.add(organization);
                } else {
                    notices.add(in);
                }
            } catch (InvalidEventException e) {
                rejections.add(new Rejection(in, e.getMessage()));
            }
        }
        roster.apply(members, organizations);
        notices.sort(Comparator.comparingInt(e -> EventTypes.RANKING_PUBLISHED.equals(e.type()) ? 0 : 1));
        for (IncomingEvent in : notices) {
            // under the request's trace: the notice.issued it causes carries the trace id of the publication that asked
            try (Scope ignored = TraceContext.resume(in)) {
                apply(in);
            } catch (InvalidEventException e) {
                rejections.add(new Rejection(in, e.getMessage()));
                continue;
            }
            // keep the persistence context small: otherwise every query's auto-flush dirty-checks the whole batch so far
            em.flush();
            em.clear();
        }
        return rejections;
    }

    private void apply(IncomingEvent in) {
        String type = in.type();
        if (EventTypes.NOTICE_REQUESTED.equals(type)) {
            request(in);
        } else if (EventTypes.NOTICE_WITHDRAWAL_REQUESTED.equals(type)) {
            withdrawal(in);
        } else if (EventTypes.RANKING_PUBLISHED.equals(type)) {
            ranking(in);
        } else if (Topics.NOTICE_REQUESTS.equals(in.record().topic())) {
            throw new InvalidEventException("event type " + type + " does not belong on " + Topics.NOTICE_REQUESTS);
        } else {
            // quarterly grades, annual results, units, ...: notices about them come as notice.requested
            LOG.debugf("ignoring %s %s", type, in.id());
        }
    }

    private void request(IncomingEvent in) {
        NoticeRequestView view = CloudEventCodec.data(in.event(), NoticeRequestView.class);
        NoticeRequestRules.Valid valid = NoticeRequestRules.check(view);
        String facts;
        try {
            facts = view.facts() == null || view.facts().isNull() ? null : CloudEventCodec.MAPPER.writeValueAsString(view.facts());
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("facts unreadable: " + e.getOriginalMessage());
        }
        if (!valid.copies().isEmpty()) {
            copies(in, valid, view, facts);
            return;
        }
        Notice draft = new Notice();
        draft.noticeKey = valid.noticeKey();
        draft.type = valid.type();
        draft.period = view.period();
        draft.unitCode = valid.unitCode();
        draft.unitName = view.unitName();
        draft.recipientId = view.recipient().id();
        draft.recipientKind = valid.kind();
        draft.recipientName = view.recipient().name();
        draft.recipientEmail = view.recipient().email() == null || view.recipient().email().isBlank() ? null : view.recipient().email().trim();
        draft.deadline = view.deadline();
        draft.sourceEventId = in.id();
        draft.facts = facts;
        if (notices.createIfAbsent(draft).isEmpty()) {
            LOG.debugf("notice %s exists already; request %s ignored", draft.noticeKey, in.id());
        }
    }

    /**
     * A county-wide document (issue 12.5): one notice per addressee, each a copy of the same document under the
     * request's key ({@code documentKey}), so they share one 文号 and one text; each copy has its own key, inbox entry,
     * 签收 and deliveries. Copies that exist already are left alone (a redelivered request changes nothing).
     */
    private void copies(IncomingEvent in, NoticeRequestRules.Valid valid, NoticeRequestView view, String facts) {
        int stored = 0;
        for (NoticeRequestRules.Copy copy : valid.copies()) {
            if (stored++ % COPIES_PER_FLUSH == COPIES_PER_FLUSH - 1) {
                // a county-wide document has a copy per unit (~1,000): each copy's queries flush the context, which would
                // dirty-check every copy stored so far
                em.flush();
                em.clear();
            }
            Notice draft = new Notice();
            draft.noticeKey = copy.noticeKey();
            draft.documentKey = valid.documentKey();
            draft.type = valid.type();
            draft.period = view.period();
            draft.unitCode = copy.unitCode();
            draft.unitName = copy.unitName();
            draft.recipientId = copy.recipientId();
            draft.recipientKind = copy.kind();
            draft.recipientName = copy.name();
            draft.recipientEmail = copy.email();
            draft.deadline = view.deadline();
            draft.sourceEventId = in.id();
            draft.facts = facts;
            notices.createIfAbsent(draft);
        }
    }

    /**
     * Issue 13.5: a notice that no longer applies is withdrawn (idempotent: a repeat, or a withdrawal of a notice that
     * does not exist, changes nothing).
     */
    private void withdrawal(IncomingEvent in) {
        NoticeWithdrawalView view = CloudEventCodec.data(in.event(), NoticeWithdrawalView.class);
        if (view.noticeKey() == null || view.noticeKey().isBlank() || view.reason() == null || view.reason().isBlank()) {
            throw new InvalidEventException("invalid withdrawal request: noticeKey and reason are required");
        }
        if (notices.withdraw(view.noticeKey(), view.reason()).isEmpty()) {
            LOG.infof("withdrawal of %s (request %s): no such notice, or withdrawn already", view.noticeKey(), in.id());
        }
    }

    private void ranking(IncomingEvent in) {
        RankingView view = CloudEventCodec.data(in.event(), RankingView.class);
        RankingStore.check(view);
        rankings.store(view, in.event().time() == null ? null : in.event().time().toInstant());
        int released = notices.releaseHeldBulletins(view.period());
        if (released > 0) {
            LOG.infof("ranking %s v%d arrived: %d waiting %s notices issued", view.period(), view.version(), released, NoticeType.MONTHLY_BULLETIN);
        }
    }
}
