-- Issue 13.14: the member's revision (assigned by assessment-service, +1 per change). The roster keeps the highest one:
-- an older event arriving later (a transfer travels on the new unit's key, so possibly on another partition; a replay;
-- two consumer loops) changes nothing. Rows from before this version, and events without a revision, are revision 0.
alter table roster_member add column revision integer not null default 0;
