-- Issue 12.1: a published month names the indicator-system version it was scored with AND the month that version
-- applies from (a version can be replaced in place before its first score, so the month is frozen with the ranking).
alter table published_ranking add column system_effective_from varchar(7);
-- Rankings published before: the version's effectiveFrom as received, else January (versions before the field).
update published_ranking p set system_effective_from = coalesce(
        (select i.body::jsonb ->> 'effectiveFrom' from indicator_system i where i.for_year = p.system_year and i.version = p.system_version),
        p.system_year || '-01')
    where p.system_year is not null;
