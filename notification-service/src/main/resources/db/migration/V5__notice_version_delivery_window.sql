-- Optimistic locking of notices: 签收 and escalation update the same row; a write based on a stale read must fail
-- (and be retried on a fresh read) instead of overwriting the other one's columns.
alter table notice add column version bigint default 0 not null;

-- Start of a delivery's retry window (creation, or the committee's resend): retries stop
-- notification.delivery.give-up-after later. Rows that exist already get the time of this migration.
alter table delivery add column scheduled_at timestamp with time zone default now() not null;
