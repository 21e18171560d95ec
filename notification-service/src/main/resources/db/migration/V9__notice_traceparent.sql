-- Issue 17.4: the W3C trace context (traceparent) under which the notice was issued: that of the request (or of the
-- ranking) that caused it. Its deliveries (e-mail, webhook: retries hours later, on the worker's own thread) and its
-- escalation resume it, so their log lines and what they send carry the trace id of the score, finding or publication
-- the notice came from. Null for notices issued before this column, or without a trace context.
alter table notice add column traceparent varchar(55);
