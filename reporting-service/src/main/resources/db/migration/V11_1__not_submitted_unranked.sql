-- Issue 12.4: a unit that submitted nothing for the month has no rank, no composite score and no tier; its row in a
-- frozen version keeps status NOT_SUBMITTED (shown as 未报送) with these three left empty.
alter table published_entry alter column rank drop not null;
alter table published_entry alter column score drop not null;
alter table published_entry alter column tier drop not null;
