-- Issue 13.5: a notice that a republished month no longer calls for is withdrawn (已撤回): when, why, and the 撤回通知 that
-- told its recipient (a notice of its own, type NOTICE_WITHDRAWAL, delivered by the same channels).
alter table notice add column withdrawn_at timestamp with time zone;
alter table notice add column withdrawal_reason varchar(1000);
alter table notice add column withdrawal_notice_id varchar(36);
