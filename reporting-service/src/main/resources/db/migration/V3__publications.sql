-- Frozen publications. Not rebuilt by a replay; every version is kept.
create table published_ranking (
    period         varchar(7) not null,
    version        integer not null,
    published_at   timestamp with time zone not null,
    system_year    integer,
    system_version integer,
    reason         varchar(2000),
    event_id       varchar(64) not null,
    primary key (period, version)
);
create table published_entry (
    period          varchar(7) not null,
    version         integer not null,
    unit_code       varchar(64) not null,
    rank            integer not null,
    unit_name       varchar(200),
    score           numeric(10, 2) not null,
    previous_rank   integer,
    rank_change     integer,
    tier            varchar(16) not null,
    status          varchar(16) not null,
    completion_rate numeric(10, 4) not null,
    deductions      numeric(10, 2) not null,
    bonuses         numeric(10, 2) not null,
    primary key (period, version, unit_code)
);

create table quarterly_grade (
    quarter      varchar(7) not null,
    version      integer not null,
    unit_code    varchar(64) not null,
    mean_score   numeric(10, 2) not null,
    months       integer not null,
    grade        varchar(16) not null,
    published_at timestamp with time zone not null,
    primary key (quarter, version, unit_code)
);

-- 述职评议 scores entered over REST (not from events, so a replay keeps them)
create table debrief_score (
    for_year      integer not null,
    unit_code varchar(64) not null,
    score     numeric(10, 2) not null,
    primary key (for_year, unit_code)
);

create table annual_result (
    for_year          integer not null,
    version       integer not null,
    unit_code     varchar(64) not null,
    rank          integer not null,
    mean_monthly  numeric(10, 2) not null,
    debrief_score numeric(10, 2),
    annual_score  numeric(10, 2) not null,
    excellent     boolean not null,
    published_at  timestamp with time zone not null,
    primary key (for_year, version, unit_code)
);
