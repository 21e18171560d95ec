package cn.partybuilding.notification.intake;

import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.InvalidEventException;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.BatchHandler;
import cn.partybuilding.eventing.IncomingEvent;
import cn.partybuilding.notification.notice.Notice;
import cn.partybuilding.notification.notice.NoticeService;
import cn.partybuilding.notification.notice.NoticeType;
import cn.partybuilding.notification.roster.RosterStore;
import cn.partybuilding.notification.roster.RosterViews;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a batch of notice.requested, ranking.published and roster events in one transaction: idempotent by event
 * id (processed_event) and by notice key (one notice per type|recipient|period). Rankings of a batch are
 * applied before its requests so a bulletin finds its table; a bulletin that still has none waits (HELD).
 */
@ApplicationScoped
public class IntakeHandler implements BatchHandler {
    private static final Logger LOG = Logger.getLogger(IntakeHandler.class);

    @Inject
    EntityManager em;
    @Inject
    NoticeService notices;
    @Inject
    RankingStore rankings;
    @Inject
    RosterStore roster;

    @Override
    @Transactional
    public List<Rejection> handle(List<IncomingEvent> batch) {
        Set<String> done = processed(batch);
        List<IncomingEvent> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparingInt(e -> EventTypes.RANKING_PUBLISHED.equals(e.type()) ? 0 : 1));
        List<Rejection> rejections = new ArrayList<>();
        for (IncomingEvent in : ordered) {
            if (!done.add(in.id())) {
                continue;
            }
            try {
                apply(in);
            } catch (InvalidEventException e) {
                rejections.add(new Rejection(in, e.getMessage()));
                continue;
            }
            em.createNativeQuery("insert into processed_event (event_id, event_type) values (?1, ?2)")
                    .setParameter(1, in.id()).setParameter(2, in.type()).executeUpdate();
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
        } else if (EventTypes.RANKING_PUBLISHED.equals(type)) {
            ranking(in);
        } else if (EventTypes.MEMBER_REGISTERED.equals(type) || EventTypes.MEMBER_UPDATED.equals(type)) {
            roster.member(CloudEventCodec.data(in.event(), RosterViews.Member.class));
        } else if (EventTypes.ORGANIZATION_REGISTERED.equals(type)) {
            roster.organization(CloudEventCodec.data(in.event(), RosterViews.Organization.class));
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
        try {
            draft.facts = view.facts() == null || view.facts().isNull() ? null : CloudEventCodec.MAPPER.writeValueAsString(view.facts());
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("facts unreadable: " + e.getOriginalMessage());
        }
        if (notices.createIfAbsent(draft).isEmpty()) {
            LOG.debugf("notice %s exists already; request %s ignored", draft.noticeKey, in.id());
        }
    }

    private void ranking(IncomingEvent in) {
        RankingView view = CloudEventCodec.data(in.event(), RankingView.class);
        List<String> problems = new ArrayList<>();
        if (view.period() == null || !view.period().matches("^\\d{4}-(0[1-9]|1[0-2])$")) {
            problems.add("period '" + view.period() + "' is not YYYY-MM");
        }
        if (view.version() == null || view.version() < 1) {
            problems.add("version is missing or below 1");
        }
        if (view.entries() == null) {
            problems.add("entries are missing");
        } else if (view.entries().stream().anyMatch(e -> e == null || e.rank() == null || e.unitCode() == null)) {
            problems.add("every entry needs rank and unitCode");
        }
        if (!problems.isEmpty()) {
            throw new InvalidEventException("invalid ranking: " + String.join("; ", problems));
        }
        rankings.store(view, in.event().time() == null ? null : in.event().time().toInstant());
        int released = notices.releaseHeldBulletins(view.period());
        if (released > 0) {
            LOG.infof("ranking %s v%d arrived: %d waiting %s notices issued", view.period(), view.version(), released, NoticeType.MONTHLY_BULLETIN);
        }
    }

    private Set<String> processed(List<IncomingEvent> batch) {
        List<String> ids = batch.stream().map(IncomingEvent::id).distinct().toList();
        @SuppressWarnings("unchecked")
        List<String> found = em.createNativeQuery("select event_id from processed_event where event_id in (:ids)")
                .setParameter("ids", ids).getResultList();
        return new HashSet<>(found);
    }
}
