-- Idempotent consumption (deploy/platform/eventing, ConsumedEvents): the ids of the events a service has applied,
-- recorded in the transaction that applied them. Keyed by the SHA-256 (hex) of the CloudEvent id, so an id of any
-- length fits; the id itself is kept for people. Replaces the per-service processed_event tables.
create table consumed_event (
    event_key   char(64) primary key,
    event_id    text not null,
    event_type  text not null,
    topic       text not null,
    consumed_at timestamp with time zone default current_timestamp not null
);
