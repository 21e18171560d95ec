-- Issue 16.2: the quarterly ranking of the party branches, frozen with the quarter's publication (same quarter and
-- version as quarterly_publication). The entries as published (rank, the three figures, score, tier, secretary), one
-- JSON document per version: read back whole by GET /branches/{quarter} and the unit card, never queried by field.
create table branch_ranking_publication (
    quarter      varchar(7) not null,
    version      int not null,
    published_at timestamptz not null,
    body         jsonb not null,
    primary key (quarter, version)
);
