-- Study events other systems publish straight to party.study.v1 and this service absorbed: ids already applied.
create table processed_event (
    event_id     varchar(64) primary key,
    processed_at timestamp with time zone default current_timestamp not null
);
