-- The W3C trace context of the request or event that caused an outbox event (also inside payload as the CloudEvents
-- extension traceparent): the relay sends it as the Kafka header traceparent without parsing the payload.
alter table outbox_event add column traceparent varchar(55);
