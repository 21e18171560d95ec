-- 销号 in two steps (issue 16.4): the unit submits close-out evidence (SUBMITTED), the committee confirms it (CLOSED) or
-- returns it with a reason (back to OPEN / OVERDUE); and the 整改提醒 is announced once per item (reminded_on).
-- Items closed in one step before this migration stay CLOSED (their evidence was accepted under the old rule).
alter table rectification_item
    add column submitted_on  date,
    add column submitted_by  varchar(200),
    add column return_reason varchar(1000),
    add column returned_by   varchar(200),
    add column confirmed_by  varchar(200),
    add column reminded_on   date,
    add column overdue_on    date;
update rectification_item set overdue_on = deadline + 1 where status = 'OVERDUE';
