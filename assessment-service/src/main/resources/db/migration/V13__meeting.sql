-- Issue 16.1: meetings (三会一课, 主题党日, 组织生活会 …) recorded once by a branch secretary; attendance becomes completions.
create table meeting (
    meeting_id       varchar(64) primary key,
    revision         integer not null,
    unit_code        varchar(64) not null references unit (unit_code),
    organization_id  varchar(64) not null references party_organization (organization_id),
    kind             varchar(40) not null,
    held_on          date not null,
    topic            varchar(200) not null,
    duration_minutes integer,
    minutes          text,
    -- the system that recorded it: /assessment-service for REST, the CloudEvents source of another system's meeting event
    source           varchar(200) not null,
    recorded_by      varchar(200),
    recorded_at      timestamp with time zone not null,
    revised_at       timestamp with time zone not null
);
create index meeting_unit_day on meeting (unit_code, held_on);

create table meeting_attendance (
    meeting_id     varchar(64) not null references meeting (meeting_id),
    member_id      varchar(64) not null,
    present        boolean not null,
    absence_reason varchar(200),
    position       integer not null,
    primary key (meeting_id, member_id)
);

-- the meeting whose attendance a completion is (null: recorded on its own); a revision withdraws exactly these
alter table study_completion add column meeting_id varchar(64);
create index study_completion_meeting on study_completion (meeting_id) where meeting_id is not null;
