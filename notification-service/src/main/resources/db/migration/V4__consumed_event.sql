-- Idempotent consumption moved to the platform (deploy/platform/eventing, table consumed_event from db/eventing
-- V1_1): the ids this service consumed before carry over, so a redelivered old event is still recognised.
insert into consumed_event (event_key, event_id, event_type, topic)
select encode(sha256(convert_to(event_id, 'UTF8')), 'hex'), event_id, event_type, 'unknown' from processed_event
on conflict do nothing;
drop table processed_event;

-- CloudEvents sets no limit on an id: a notice keeps the id of the request it came from, whatever its length.
alter table notice alter column source_event_id type text;
