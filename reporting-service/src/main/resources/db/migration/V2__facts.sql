-- Raw facts consumed from party.organisation.v1, party.assessment.v1 and party.study.v1.
-- Everything here can be rebuilt from the topics (POST /admin/replay); published rankings (V3) cannot.

-- Idempotency by event id: every applied event's id, inserted in the same transaction as its effect.
create table processed_event (
    event_id varchar(200) primary key
);

-- Roster (full state, last event wins)
create table unit (
    unit_code varchar(64) primary key,
    name      varchar(200),
    category  varchar(200),
    event_id  varchar(200)
);
create table party_organization (
    organization_id varchar(64) primary key,
    unit_code       varchar(64) not null,
    parent_id       varchar(64),
    kind            varchar(32) not null,
    name            varchar(200),
    event_id        varchar(200)
);
create table member (
    member_id       varchar(64) primary key,
    unit_code       varchar(64) not null,
    organization_id varchar(64),
    name            varchar(200),
    rank            varchar(40) not null,
    role            varchar(40) not null,
    email           varchar(200),
    active          boolean not null,
    event_id        varchar(200)
);
create index member_unit on member (unit_code);

-- Indicator systems: the whole published structure as JSON text, one row per (year, version)
create table indicator_system (
    for_year     integer not null,
    version  integer not null,
    body     text not null,
    event_id varchar(200),
    primary key (for_year, version)
);

-- Scores: the highest revision of (unit, indicator, period) wins
create table assessment (
    unit_code      varchar(64) not null,
    indicator_code varchar(64) not null,
    period         varchar(7) not null,
    assessment_id  varchar(64),
    revision       integer not null,
    score          numeric(10, 2) not null,
    assessor       varchar(200),
    event_id       varchar(200) not null,
    primary key (unit_code, indicator_code, period)
);
create index assessment_period on assessment (period);

create table finding (
    finding_id       varchar(64) primary key,
    unit_code        varchar(64) not null,
    period           varchar(7) not null,
    deduction_points numeric(10, 2) not null,
    source           varchar(200),
    description      varchar(2000),
    event_id         varchar(200) not null
);
create index finding_period on finding (period);

create table bonus (
    bonus_id  varchar(64) primary key,
    unit_code varchar(64) not null,
    period    varchar(7) not null,
    points    numeric(10, 2) not null,
    reason    varchar(2000),
    event_id  varchar(200) not null
);
create index bonus_period on bonus (period);

create table rectification (
    item_id    varchar(64) primary key,
    finding_id varchar(64),
    unit_code  varchar(64) not null,
    status     varchar(16) not null,
    deadline   date,
    closed_on  date,
    event_id   varchar(200) not null
);

create table period_state (
    period   varchar(7) primary key,
    locked   boolean not null,
    reason   varchar(2000),
    event_id varchar(200) not null
);

-- Study: one row per counted completion. A completion counts once per (member, activity type, day); the month leads
-- the primary key so that the per-month counts the scoring reads are a range scan of the key (no second index to
-- maintain on the hot ingest path). The row keeps the event id: it is also the processed-id record of the completion.
create table study_completion (
    period        varchar(7) not null,
    member_id     varchar(64) not null,
    activity_type varchar(32) not null,
    on_day           date not null,
    unit_code     varchar(64),
    event_id      varchar(200) not null,
    primary key (period, member_id, activity_type, on_day)
);

-- Exams: once per (member, exam); a regrade (new event) replaces the result
create table exam_result (
    member_id  varchar(64) not null,
    exam_id    varchar(100) not null,
    unit_code  varchar(64) not null,
    on_day        date not null,
    score      numeric(10, 2) not null,
    passed     boolean not null,
    event_id   varchar(200) not null,
    primary key (member_id, exam_id)
);
create index exam_result_day on exam_result (on_day);

-- 学习强国 points: once per (member, day), the last value wins
create table platform_points (
    member_id varchar(64) not null,
    on_day       date not null,
    unit_code varchar(64) not null,
    points    integer not null,
    event_id  varchar(200) not null,
    primary key (member_id, on_day)
);
create index platform_points_day on platform_points (on_day);
