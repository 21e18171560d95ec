-- The meeting a completion is the attendance of (study.completed's meetingId, absent for a completion recorded on its
-- own): the scorecard's drill-down names it, so the committee can tell a 组织生活会's attendance from a member's own
-- record. Null for completions ingested before V18 until a replay.
alter table study_completion add column meeting_id text;
