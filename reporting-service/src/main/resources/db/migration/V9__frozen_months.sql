-- Frozen months (issue 12.2). A month is published only while it is locked in assessment-service; a republication needs a
-- reopen and a new lock since the last one; records other systems send while a month is locked are kept and marked late.

-- When the month's current lock was taken: the period.locked event's time (null while open, and for locks ingested before
-- this version until a replay). Records received from then on are late and do not count until the month is reopened.
alter table period_state add column locked_at timestamptz;

-- Every lock and reopen in topic order (seq), with its reason: the reopen reason a republication carries, and the lock
-- intervals that say whether a record was received while the month was locked. Rebuilt by a replay like every fact.
create table period_change (
    seq        bigint generated always as identity primary key,
    period     varchar(7) not null,
    locked     boolean not null,
    reason     varchar(2000),
    changed_by varchar(200),
    changed_at timestamptz,
    event_id   text not null unique
);
create index period_change_period on period_change (period, seq);

-- When another system's record reached the broker (the Kafka record's timestamp, kept by the topic and so the same in a
-- replay). Null for assessment-service's own records: it refuses them while the month is locked, so they are never late.
alter table study_completion add column received_at timestamptz;
alter table exam_result add column received_at timestamptz;
alter table platform_points add column received_at timestamptz;

-- The lock a publication was made under (the period.locked event's id): a republication needs another one.
alter table published_ranking add column lock_event_id text;
