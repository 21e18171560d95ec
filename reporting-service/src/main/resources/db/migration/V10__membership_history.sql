-- Issue 12.3 / 13.14: the roster as of the month and the newest revision of a member.
-- member keeps the current state: the highest revision wins (an older event arriving later changes nothing); rows from
-- before this version are revision 0.
alter table member add column revision integer not null default 0;
alter table member add column effective_from date;

-- Every member event's state, by revision (order-independent: a late older event only fills in the history).
-- effective_from null = since always (events published before effective dates existed).
create table member_version (
    member_id       varchar(64) not null,
    revision        integer not null,
    effective_from  date,
    unit_code       varchar(64) not null,
    organization_id varchar(64),
    name            varchar(200),
    rank            varchar(40) not null,
    role            varchar(40) not null,
    email           varchar(200),
    active          boolean not null,
    event_id        text,
    primary key (member_id, revision)
);

-- The membership periods derived from member_version (scoring.Membership): the member in a unit and branch with a role
-- from valid_from to valid_to, both inclusive, null = unbounded. A month's roster is the periods containing its last day.
create table member_period (
    member_id       varchar(64) not null,
    revision        integer not null,
    unit_code       varchar(64) not null,
    organization_id varchar(64),
    name            varchar(200),
    rank            varchar(40) not null,
    role            varchar(40) not null,
    email           varchar(200),
    valid_from      date,
    valid_to        date,
    primary key (member_id, revision)
);
create index member_period_unit on member_period (unit_code);

-- the members known so far: one version each, since always
insert into member_version (member_id, revision, effective_from, unit_code, organization_id, name, rank, role, email, active, event_id)
    select member_id, 0, null, unit_code, organization_id, name, rank, role, email, active, event_id from member;
insert into member_period (member_id, revision, unit_code, organization_id, name, rank, role, email, valid_from, valid_to)
    select member_id, 0, unit_code, organization_id, name, rank, role, email, null, null from member where active;
