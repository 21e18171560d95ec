-- Scheduled jobs that run once per cluster (eventing.cluster.ClusterJobs): when each last started, claimed atomically by
-- the instance that runs it, on the database's clock.
create table cluster_job (
    name            varchar(100) primary key,
    last_started_at timestamp with time zone not null,
    last_instance   varchar(200) not null
);
