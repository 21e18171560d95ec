-- Frozen months (issue 12.2): a study record another system published on party.study.v1 for a month that was locked when
-- it arrived is kept, and marked late. (This service's own REST writes to a locked month are refused, so they never are.)
alter table study_completion add column received_while_locked boolean not null default false;
alter table exam_result add column received_while_locked boolean not null default false;
alter table platform_points add column received_while_locked boolean not null default false;
