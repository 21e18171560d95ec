package cn.partybuilding.reporting.rectification;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.BatchHandler.Rejection;
import cn.partybuilding.eventing.EventPublisher;
import cn.partybuilding.eventing.IncomingEvent;
import cn.partybuilding.eventing.TraceContext;
import cn.partybuilding.reporting.facts.EventViews.RectificationView;
import cn.partybuilding.reporting.facts.FactsReader;
import cn.partybuilding.reporting.publication.NoticePlanner;
import cn.partybuilding.reporting.publication.NoticeRequest;
import cn.partybuilding.reporting.publication.Recipients;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Closes the rectification loop's notices (issue 16.4): assessment-service announces an item due soon
 * ({@code rectification.due-soon}, once per item) or overdue ({@code rectification.overdue}, once per item); reporting,
 * the service that requests notices, asks notification-service for the 整改提醒 to the unit's secretary and the 逾期通报 to
 * the unit's secretary and the committee. Each request's key has the item id as its period, so a redelivered event
 * (already dropped by id by the platform) or a repeated announcement still makes one notice per item and recipient.
 * Each request carries the trace context of the event that caused it, which assessment-service took from the request that
 * raised the finding (issue 17.4): a finding can be followed to its notices.
 */
@ApplicationScoped
public class RectificationNotices {
    @Inject
    FactsReader facts;

    @Inject
    EventPublisher publisher;

    /** Requests the notices of the batch's due-soon and overdue events that were not rejected, in the caller's transaction. */
    public void request(List<IncomingEvent> events, List<Rejection> rejections) {
        Set<IncomingEvent> rejected = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        rejections.forEach(r -> rejected.add(r.event()));
        List<IncomingEvent> relevant = events.stream().filter(e -> !rejected.contains(e) && Topics.ASSESSMENT.equals(e.record().topic())
                && (EventTypes.RECTIFICATION_DUE_SOON.equals(e.type()) || EventTypes.RECTIFICATION_OVERDUE.equals(e.type()))).toList();
        if (relevant.isEmpty()) {
            return;
        }
        Map<String, String> unitNames = facts.unitNames();
        Recipients recipients = new Recipients(facts.roster(), facts.organizationParents());
        Set<String> planned = new HashSet<>();
        List<CloudEvent> requests = new ArrayList<>();
        for (IncomingEvent e : relevant) {
            RectificationView v = CloudEventCodec.data(e.event(), RectificationView.class);
            String unitName = unitNames.getOrDefault(v.unitCode(), v.unitCode());
            NoticePlanner planner = new NoticePlanner(recipients);
            if (EventTypes.RECTIFICATION_DUE_SOON.equals(e.type())) {
                planner.rectificationDue(v.itemId(), v.unitCode(), unitName, v.deadline(), v.description(), v.source(), v.remindWorkingDays());
            } else {
                planner.rectificationOverdue(v.itemId(), v.unitCode(), unitName, v.deadline(), v.description(), v.source());
            }
            // each request under the trace of the event that caused it (the request that raised the finding), not one
            // trace for the batch; a key planned already in this batch stays the first one's, as one planner would keep it
            try (Scope ignored = TraceContext.resume(e)) {
                for (NoticeRequest n : planner.requests()) {
                    if (planned.add(n.noticeKey())) {
                        requests.add(publisher.event(EventTypes.NOTICE_REQUESTED, n.unitCode() == null ? Topics.COMMITTEE_SUBJECT : n.unitCode(), n));
                    }
                }
            }
        }
        publisher.publishAll(Topics.NOTICE_REQUESTS, requests);
    }
}
