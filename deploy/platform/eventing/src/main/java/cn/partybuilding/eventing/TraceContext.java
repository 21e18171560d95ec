package cn.partybuilding.eventing;

import cn.partybuilding.contracts.CloudEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jboss.logging.MDC;

/**
 * The W3C trace context an event carries (CloudEvents extension {@code traceparent}). Inside a REST request it is
 * OpenTelemetry's current span, which Quarkus makes from the request's {@code traceparent} header (or starts anew);
 * while a consumer applies an event it is that event's, {@link #resume resumed} by the consumer. The outbox stamps it on
 * every event published meanwhile, so the events a request or an event causes share its trace id. Uses only
 * OpenTelemetry's API: without an SDK the request has no span, and only resumed contexts are carried.
 */
public final class TraceContext {
    /** The CloudEvents attribute and the Kafka header. */
    public static final String TRACEPARENT = "traceparent";

    private TraceContext() {
    }

    /** The current trace context as a {@code traceparent} value, or null when there is none. */
    public static String current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    /**
     * Makes {@code traceparent} (null or malformed: nothing) the current trace context until the scope closes: events
     * published meanwhile carry its trace id, and log records its {@code traceId} (MDC).
     */
    public static Scope resume(String traceparent) {
        if (traceparent == null || !CloudEvent.TRACEPARENT.matcher(traceparent).matches()) {
            return Scope.noop();
        }
        String traceId = traceparent.substring(3, 35);
        SpanContext remote = SpanContext.createFromRemoteParent(traceId, traceparent.substring(36, 52),
                TraceFlags.fromHex(traceparent, 53), TraceState.getDefault());
        Scope scope = Context.current().with(Span.wrap(remote)).makeCurrent();
        Object before = MDC.get("traceId");
        MDC.put("traceId", traceId);
        return () -> {
            if (before == null) {
                MDC.remove("traceId");
            } else {
                MDC.put("traceId", before);
            }
            scope.close();
        };
    }

    /** {@link #resume} the trace context of a consumed event. */
    public static Scope resume(IncomingEvent event) {
        return resume(event.event().traceparent());
    }

    /** The event with the current trace context, unless it carries one already (an event relayed as it came). */
    static CloudEvent stamp(CloudEvent event, String current) {
        return event.traceparent() != null || current == null ? event : event.withTraceparent(current);
    }
}
