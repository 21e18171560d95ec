-- Issue 13.4: a replay rebuilds the fact tables in this schema, beside the live ones, and switches them in one transaction
-- (facts/FactTables). Created here, by the migration's owner, so the service needs no right to create schemas at run time.
create schema if not exists reporting_replay;
