-- Indicator systems (考核指标体系), one row per (year, version). A version is stored whole as JSON text
-- (the payload of indicator-system.published); once a score points at it, it is never changed again.
create table indicator_system (
    system_year    integer      not null,
    system_version integer      not null,
    definition     text         not null,
    published_at   timestamp with time zone not null,
    primary key (system_year, system_version)
);
