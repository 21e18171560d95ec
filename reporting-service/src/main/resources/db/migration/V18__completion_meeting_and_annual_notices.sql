-- The meeting a completion is the attendance of (study.completed's meetingId, absent for a completion recorded on its
-- own): the scorecard's drill-down names it, so the committee can tell a 组织生活会's attendance from a member's own
-- record. Null for completions ingested before V18 until a replay.
alter table study_completion add column meeting_id text;

-- The notice requests each published version of a year emitted (年度通报, 年度通报表扬), like published_notice for a
-- month: a republication whose 优秀单位 changed requests the commendation of the units now 优秀 and withdraws that of the
-- units no longer 优秀. A version published before V18 has no rows (its republication withdraws nothing).
create table annual_notice (
    for_year     integer      not null,
    version      integer      not null,
    notice_key   varchar(400) not null,
    notice_type  varchar(40)  not null,
    unit_code    varchar(64),
    recipient_id varchar(200) not null,
    primary key (for_year, version, notice_key),
    foreign key (for_year, version) references annual_publication (for_year, version)
);
