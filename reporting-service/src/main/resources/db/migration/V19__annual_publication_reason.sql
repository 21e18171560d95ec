-- Issue 13.5 for a year: why a year's results were published again (version 2 or more; null for version 1), as
-- published_ranking.reason keeps a month's. The year's 更正通报 and its withdrawals cite it.
alter table annual_publication add column reason varchar(500);
