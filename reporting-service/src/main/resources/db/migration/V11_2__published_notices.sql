-- Issue 13.5: the notice requests each published version of a month emitted (their keys), so that a republication can
-- withdraw those that no longer apply (a unit 先进 in version 1 and 后进 in version 2 loses its 表扬) and keep the rest.
create table published_notice (
    period       varchar(7)   not null,
    version      integer      not null,
    notice_key   varchar(400) not null,
    notice_type  varchar(40)  not null,
    unit_code    varchar(64),
    recipient_id varchar(200) not null,
    primary key (period, version, notice_key),
    foreign key (period, version) references published_ranking (period, version)
);
