-- Scores (考核评分). One assessment per (unit, indicator, period); every score and correction is a revision,
-- never overwritten. The assessment points at the indicator-system version it was given under.
create table assessment (
    assessment_id    varchar(36) primary key,
    unit_code        varchar(32) not null references unit (unit_code),
    indicator_code   varchar(64) not null,
    period           varchar(7)  not null,
    system_year      integer     not null,
    system_version   integer     not null,
    current_revision integer     not null,
    constraint assessment_unique unique (unit_code, indicator_code, period)
);
create index assessment_period on assessment (period);
create index assessment_system on assessment (system_year, system_version);

create table assessment_revision (
    assessment_id  varchar(36)   not null references assessment (assessment_id),
    revision       integer       not null,
    score          numeric(7, 2) not null,
    previous_score numeric(7, 2),
    reason         varchar(1000),
    assessor       varchar(100)  not null,
    evidence       varchar(2000),
    recorded_at    timestamp with time zone not null,
    primary key (assessment_id, revision)
);
