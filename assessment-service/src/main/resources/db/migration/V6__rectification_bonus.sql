-- Findings (问题/扣分) with their rectification items (整改事项, 销号), and bonuses (加分) capped per unit and year.
create table finding (
    finding_id       varchar(36)   primary key,
    unit_code        varchar(32)   not null references unit (unit_code),
    period           varchar(7)    not null,
    deduction_points numeric(7, 2) not null,
    source           varchar(50)   not null,
    description      varchar(2000) not null,
    raised_at        timestamp with time zone not null
);
create index finding_unit_period on finding (unit_code, period);

create table rectification_item (
    item_id     varchar(36)   primary key,
    finding_id  varchar(36)   not null references finding (finding_id),
    unit_code   varchar(32)   not null references unit (unit_code),
    description varchar(2000) not null,
    deadline    date          not null,
    status      varchar(16)   not null,
    closed_on   date,
    evidence    varchar(2000)
);
create index rectification_item_status on rectification_item (status, deadline);

create table bonus (
    bonus_id         varchar(36)   primary key,
    unit_code        varchar(32)   not null references unit (unit_code),
    period           varchar(7)    not null,
    bonus_year       integer       not null,
    requested_points numeric(7, 2) not null,
    points           numeric(7, 2) not null,
    reason           varchar(1000) not null,
    granted_at       timestamp with time zone not null
);
create index bonus_unit_year on bonus (unit_code, bonus_year);
