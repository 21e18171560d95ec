-- Issue 16.5: the annual 述职评议. Entered over REST (not from events), so a replay keeps them, like debrief_score.
-- The panel of a year: the reviewers (DEBRIEF_REVIEWER) named by their sign-in name (preferred_username).
create table debrief_reviewer (
    for_year integer      not null,
    username varchar(100) not null,
    primary key (for_year, username)
);

-- Each reviewer's score of each unit's debrief; the unit's debrief score is their mean (trimmed with five or more).
create table debrief_review (
    for_year      integer        not null,
    username      varchar(100)   not null,
    unit_code     varchar(64)    not null,
    score         numeric(5, 2)  not null check (score >= 0 and score <= 100),
    reviewer_name varchar(200),
    reviewed_at   timestamp with time zone not null,
    primary key (for_year, username, unit_code),
    foreign key (for_year, username) references debrief_reviewer (for_year, username)
);

-- A unit's 公开承诺 of a year (made at the start of the year) and their fulfilment, shown on its card.
create table unit_pledge (
    for_year    integer       not null,
    unit_code   varchar(64)   not null,
    position    integer       not null,
    content     varchar(500)  not null,
    status      varchar(16)   not null check (status in ('IN_PROGRESS', 'FULFILLED', 'NOT_FULFILLED')),
    evidence    varchar(1000),
    recorded_by varchar(200)  not null,
    recorded_at timestamp with time zone not null,
    primary key (for_year, unit_code, position)
);
