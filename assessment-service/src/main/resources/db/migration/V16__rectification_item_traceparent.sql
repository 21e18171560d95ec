-- Issue 17.4: the W3C trace context (traceparent) of the REST request that raised the finding and opened the item. The
-- scheduled job announces the item's 整改提醒 and 逾期通报 days later; those events carry this trace, so the notices they
-- cause can be followed back to the finding. Null for items opened before this column, or without a trace context.
alter table rectification_item add column traceparent varchar(55);
