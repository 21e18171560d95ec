-- The audit trail (deploy/platform/security, AuditTrail): one row per write through the API, accepted (written in the
-- transaction of the change, so an accepted write without its record cannot exist) or refused (written on its own).
-- Append-only: no code path updates or deletes a row, a trigger refuses UPDATE, DELETE and TRUNCATE for every role,
-- superusers included, and the privileges are revoked from PUBLIC and, where it is not a superuser, from the role
-- that runs the migration (the service's own role in production). Only dropping the table (a schema change by the
-- database owner) can remove rows.
create table audit_record (
    id            bigint generated always as identity primary key,
    recorded_at   timestamp with time zone default current_timestamp not null,
    actor_subject text not null,
    actor_name    text not null,
    actor_roles   text not null,
    actor_unit    text,
    action        text not null,
    target_type   text not null,
    target_id     text,
    outcome       text not null,
    status        integer not null,
    request_id    text not null,
    before_state  jsonb,
    after_state   jsonb,
    detail        text
);
create index audit_record_recorded_at on audit_record (recorded_at, id);
create index audit_record_actor on audit_record (actor_subject, recorded_at);
create index audit_record_target on audit_record (target_type, target_id, recorded_at);

create function audit_record_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_record is append-only: % refused', tg_op using errcode = '42501';
end
$$;
create trigger audit_record_no_change before update or delete on audit_record
    for each row execute function audit_record_is_append_only();
create trigger audit_record_no_truncate before truncate on audit_record
    for each statement execute function audit_record_is_append_only();

revoke update, delete, truncate on audit_record from public;
do $$
begin
    if not (select rolsuper from pg_roles where rolname = current_user) then
        execute format('revoke update, delete, truncate on audit_record from %I', current_user);
    end if;
end
$$;
