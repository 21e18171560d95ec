-- Idempotent consumption moved to the platform (deploy/platform/eventing, table consumed_event from db/eventing V1_1):
-- the ids this service applied before carry over, so a redelivered old event is still recognised. Study completions
-- were never in processed_event and are not in consumed_event: their natural key in study_completion deduplicates them.
insert into consumed_event (event_key, event_id, event_type, topic)
select encode(sha256(convert_to(event_id, 'UTF8')), 'hex'), event_id, 'unknown', 'unknown' from processed_event
on conflict do nothing;
drop table processed_event;

-- CloudEvents sets no limit on an id: a fact keeps the id of the event behind it (the scorecard's drill-down) whatever
-- its length, so a legitimate event is never refused for its id. varchar to text rewrites no table in PostgreSQL.
alter table unit alter column event_id type text;
alter table party_organization alter column event_id type text;
alter table member alter column event_id type text;
alter table indicator_system alter column event_id type text;
alter table assessment alter column event_id type text;
alter table finding alter column event_id type text;
alter table bonus alter column event_id type text;
alter table rectification alter column event_id type text;
alter table period_state alter column event_id type text;
alter table study_completion alter column event_id type text;
alter table exam_result alter column event_id type text;
alter table platform_points alter column event_id type text;
