-- Issue 12.5: a document with many addressees (the monthly bulletin 主送 all units) is one document with one 文号; each
-- addressee's copy is a notice row (own inbox entry, 签收, deliveries) carrying the document's key and number. So the
-- number is no longer unique per row: the counter (document_sequence) still allocates each number once.
alter table notice add column document_key varchar(400);
alter table notice drop constraint notice_document_number_unique;
create index notice_document_number on notice (document_number);
create index notice_document_key on notice (document_key);

-- Issue 12.4: the units of a ranking that submitted nothing (ranking.published's notSubmitted, JSON), for the bulletin's table.
alter table monthly_ranking add column not_submitted text;
