-- (period, version) unique in the database for every kind of publication. published_ranking is already one row per
-- (period, version) (its primary key); quarterly grades and annual results are one row per unit, so each publication of
-- a quarter or a year gets a header row here, and the per-unit rows reference their header. The publishing transaction
-- allocates the version (max + 1 under a per-period advisory lock) and inserts the header first.
create table quarterly_publication (
    quarter      varchar(7) not null,
    version      integer not null,
    published_at timestamp with time zone not null,
    primary key (quarter, version)
);
insert into quarterly_publication (quarter, version, published_at)
    select quarter, version, min(published_at) from quarterly_grade group by quarter, version;
alter table quarterly_grade add constraint quarterly_grade_publication_fk
    foreign key (quarter, version) references quarterly_publication (quarter, version);

create table annual_publication (
    for_year     integer not null,
    version      integer not null,
    published_at timestamp with time zone not null,
    primary key (for_year, version)
);
insert into annual_publication (for_year, version, published_at)
    select for_year, version, min(published_at) from annual_result group by for_year, version;
alter table annual_result add constraint annual_result_publication_fk
    foreign key (for_year, version) references annual_publication (for_year, version);

alter table published_entry add constraint published_entry_ranking_fk
    foreign key (period, version) references published_ranking (period, version);
