-- notification-service: notices, their deliveries, the rankings bulletins quote, and consumed event ids.
-- Portable SQL (PostgreSQL in production, H2 in PostgreSQL mode locally).

-- Every consumed event id, inserted in the transaction that applied it (idempotency by event id).
create table processed_event (
    event_id     varchar(64) primary key,
    event_type   varchar(120) not null,
    processed_at timestamp with time zone default current_timestamp not null
);

-- ranking.published payloads (one row per period and version); bulletins quote the highest version.
create table monthly_ranking (
    period       varchar(7)  not null,
    version      integer     not null,
    published_at timestamp with time zone,
    entries      text        not null,
    received_at  timestamp with time zone default current_timestamp not null,
    primary key (period, version)
);

-- Document numbers 县直工委通〔year〕N号: one counter row per year, incremented under its row lock.
create table document_sequence (
    doc_year    integer primary key,
    last_number integer not null
);

-- One row per notice key (type|recipient|period): the unique constraint is what makes a notice exist once.
-- status HELD = a monthly bulletin waiting for its period's ranking (no number, not delivered yet).
create table notice (
    id               varchar(36)  primary key,
    notice_key       varchar(400) not null,
    notice_type      varchar(40)  not null,
    period           varchar(100) not null,
    unit_code        varchar(64),
    unit_name        varchar(200),
    recipient_id     varchar(200) not null,
    recipient_kind   varchar(30)  not null,
    recipient_name   varchar(200),
    recipient_email  varchar(320),
    deadline         date,
    facts            text,
    status           varchar(20)  not null,
    document_number  varchar(60),
    title            varchar(500),
    body             text,
    document         text,
    issuer           varchar(200),
    issue_date       date,
    issued_at        timestamp with time zone,
    acknowledged_at  timestamp with time zone,
    acknowledged_by  varchar(200),
    escalation_level integer      default 0 not null,
    escalated_from   varchar(36),
    escalated_at     timestamp with time zone,
    escalated_to     varchar(200),
    source_event_id  varchar(64),
    created_at       timestamp with time zone not null,
    constraint notice_key_unique unique (notice_key),
    constraint notice_document_number_unique unique (document_number)
);
create index notice_recipient on notice (recipient_id, issued_at);
create index notice_open on notice (status, acknowledged_at, escalated_at);
create index notice_period on notice (notice_type, period);

-- Delivery state per notice and channel (EMAIL, WEBHOOK); the inbox is the notice table itself.
create table delivery (
    id              varchar(36) primary key,
    notice_id       varchar(36) not null references notice (id),
    channel         varchar(20) not null,
    status          varchar(20) not null,
    attempts        integer     default 0 not null,
    last_error      varchar(1000),
    next_attempt_at timestamp with time zone,
    sent_at         timestamp with time zone,
    constraint delivery_notice_channel unique (notice_id, channel)
);
create index delivery_due on delivery (status, next_attempt_at);
