-- Organisation registry: units (单位), party organisations (党组织 tree) and members (党员).
create table unit (
    unit_code   varchar(32)  primary key,
    name        varchar(200) not null,
    category    varchar(100),
    created_at  timestamp with time zone default current_timestamp not null
);

create table party_organization (
    organization_id varchar(64)  primary key,
    unit_code       varchar(32)  not null references unit (unit_code),
    parent_id       varchar(64)  references party_organization (organization_id),
    kind            varchar(32)  not null,
    name            varchar(200) not null
);
create index party_organization_unit on party_organization (unit_code);

create table member (
    member_id       varchar(64)  primary key,
    unit_code       varchar(32)  not null references unit (unit_code),
    organization_id varchar(64)  references party_organization (organization_id),
    name            varchar(100) not null,
    member_rank     varchar(32)  not null,
    member_role     varchar(32)  not null,
    email           varchar(200),
    active          boolean      not null
);
create index member_unit on member (unit_code);
