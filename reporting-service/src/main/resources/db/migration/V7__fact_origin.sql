-- Where each fact behind a scorecard's number came from (the drill-down says what, when, who and which system): the
-- CloudEvent's source (the sending system, e.g. /assessment-service, /learning-platform) and time (when it was recorded
-- there), kept beside event_id. Nullable, no default: adding them is a catalogue change, no table rewrite; rows ingested
-- before this version show no source or time until a replay fills them. Not named "source": finding.source is the
-- finding's own origin (巡察, 督查).
alter table assessment add column event_source text, add column event_time timestamptz;
alter table finding add column event_source text, add column event_time timestamptz;
alter table bonus add column event_source text, add column event_time timestamptz;
alter table study_completion add column event_source text, add column event_time timestamptz;
alter table exam_result add column event_source text, add column event_time timestamptz;
alter table platform_points add column event_source text, add column event_time timestamptz;
