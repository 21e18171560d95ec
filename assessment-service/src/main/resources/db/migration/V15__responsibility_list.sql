-- 责任清单 (issue 16 item 3; seeds 002 and 004: 党组书记负总责、班子成员分工负责、机关党委推进落实、一岗双责). One row per
-- item of a unit's list of a year; the level says whose list it is (the unit's 党组, its 机关党委, one of its branches).
create table responsibility_item (
    item_id               varchar(36)   primary key,
    unit_code             varchar(32)   not null references unit (unit_code),
    list_year             integer       not null,
    level                 varchar(24)   not null,
    organization_id       varchar(64)   references party_organization (organization_id),
    duty_kind             varchar(24)   not null,
    responsible_member_id varchar(64)   not null references member (member_id),
    content               varchar(2000) not null,
    due_date              date          not null,
    status                varchar(8)    not null,
    done_on               date,
    evidence              varchar(2000),
    checked_by            varchar(100),
    checked_at            timestamp with time zone,
    -- +1 on every change; the events carry it so a consumer keeps the newest state whatever order it reads them in
    revision              integer       not null,
    created_at            timestamp with time zone not null
);
create index responsibility_item_unit_year on responsibility_item (unit_code, list_year, due_date);
