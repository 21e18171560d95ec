-- The platform's consumed_event (db/eventing V1_1) replaces processed_event (V8): the ids of the study events other
-- systems published that were already absorbed are carried over under the platform's key (SHA-256 of the id, hex), so
-- a redelivery after the upgrade is still recognised. Only the external-study consumer ever wrote processed_event, and
-- it read party.study.v1 alone; the event types were not kept.
insert into consumed_event (event_key, event_id, event_type, topic)
select encode(sha256(convert_to(event_id, 'UTF8')), 'hex'), event_id, 'unknown', 'party.study.v1' from processed_event
on conflict do nothing;
drop table processed_event;
