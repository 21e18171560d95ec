-- Issue 12.3 / 13.14: every member change carries the member's revision (+1 per change, so consumers keep the newest
-- whatever order the events arrive in) and the day the new state took effect (joined, left, moved). Members registered
-- before this have revision 0 and no effective date: their state applies to every month until they next change.
alter table member add column revision integer not null default 0;
alter table member add column effective_from date;
