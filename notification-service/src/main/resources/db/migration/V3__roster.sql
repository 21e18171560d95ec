-- The organisation roster (party.organisation.v1), kept so that escalations reach the real branch secretary,
-- unit secretary or principal leader, with their e-mail. Full state per event; the last one wins.
create table roster_member (
    member_id       varchar(64)  primary key,
    unit_code       varchar(64)  not null,
    organization_id varchar(64),
    name            varchar(200),
    role            varchar(30)  not null,
    email           varchar(320),
    active          boolean      not null
);
create index roster_member_unit on roster_member (unit_code, role);

create table roster_organization (
    organization_id varchar(64)  primary key,
    unit_code       varchar(64)  not null,
    parent_id       varchar(64),
    kind            varchar(30),
    name            varchar(200)
);
