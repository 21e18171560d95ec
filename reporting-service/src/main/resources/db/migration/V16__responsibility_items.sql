-- 责任清单 items (issue 16 item 3), from assessment-service's responsibility-item.added / changed / checked-off: the
-- newest revision of each item (a late lower revision is ignored). Scored by the RESPONSIBILITY_LIST indicator kind: the
-- share of a unit's items due by the end of the month that were done by then. A fact table: a replay rebuilds it.
create table responsibility_item (
    item_id               varchar(64)   primary key,
    unit_code             varchar(64)   not null,
    list_year             integer       not null,
    level                 varchar(24)   not null,
    organization_id       varchar(64),
    duty_kind             varchar(24)   not null,
    responsible_member_id varchar(64)   not null,
    content               varchar(2000) not null,
    due_date              date          not null,
    status                varchar(8)    not null,
    done_on               date,
    evidence              varchar(2000),
    checked_by            varchar(200),
    revision              integer       not null,
    event_id              text          not null,
    event_source          text,
    event_time            timestamptz
);
create index responsibility_item_unit_due on responsibility_item (unit_code, due_date);
