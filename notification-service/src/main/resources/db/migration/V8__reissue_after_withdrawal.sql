-- Issue 13 (last gap): a notice withdrawn by a republication may be requested again by a later version (U1 先进 in v1,
-- 中间 in v2, 先进 again in v3). The key stays the notice's identity, but it may now have several notices over time, one
-- after the other: edition 1, 2, ... — a new edition only once the previous one is withdrawn, so at most one is live.
-- (notice_key, edition) unique keeps "exactly once": two deliveries of a request cannot both create edition n+1.
-- A 撤回通知 (key NOTICE_WITHDRAWAL|<key>) takes the edition of the notice it withdraws. reissue_of: the edition before.
alter table notice add column edition integer default 1 not null;
alter table notice add column reissue_of varchar(36);
alter table notice drop constraint notice_key_unique;
alter table notice add constraint notice_key_edition_unique unique (notice_key, edition);
