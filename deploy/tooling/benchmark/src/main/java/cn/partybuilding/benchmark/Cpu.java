package cn.partybuilding.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time of processes, from /proc (Linux), to tell how many microseconds of each side one ingested event costs
 * (issue 18.5): reporting-service's JVM, and the PostgreSQL server with all its backends.
 */
final class Cpu {
    /** /proc's clock ticks per second (USER_HZ), 100 on every Linux this runs on. */
    private static final double TICKS = 100.0;

    private Cpu() {
    }

    /** User + system CPU seconds a process has used so far, or -1 when /proc cannot tell. */
    static double seconds(long pid) {
        long[] t = times(pid);
        return t == null ? -1 : (t[0] + t[1]) / TICKS;
    }

    /**
     * CPU seconds of the PostgreSQL server at 127.0.0.1: the postmaster's own, those of its children that have ended
     * (the kernel adds them to the parent's cutime/cstime when it reaps them: backends of closed connections) and those
     * of the children alive now. Other databases' work on the same server counts too; the benchmark's runs are meant
     * for an otherwise idle machine.
     */
    static double postgresSeconds() {
        Optional<ProcessHandle> postmaster = ProcessHandle.allProcesses()
                .filter(p -> isPostgres(p) && p.parent().map(parent -> !isPostgres(parent)).orElse(true))
                .findFirst();
        if (postmaster.isEmpty()) {
            return -1;
        }
        long[] own = times(postmaster.get().pid());
        if (own == null) {
            return -1;
        }
        long ticks = own[0] + own[1] + own[2] + own[3];
        for (ProcessHandle child : postmaster.get().children().toList()) {
            long[] t = times(child.pid());
            if (t != null) {
                ticks += t[0] + t[1];
            }
        }
        return ticks / TICKS;
    }

    /**
     * CPU seconds of the backends connected to {@code database} now (a service's pooled connections, open since it
     * started): that database's own share of the server, which other databases' work on a shared machine does not
     * inflate; the server's shared processes (WAL writer, checkpointer) are not in it. -1 when it cannot tell.
     */
    static double backendSeconds(cn.partybuilding.local.PostgresDatabase server, String database) {
        double total = 0;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), server.password());
             java.sql.PreparedStatement q = c.prepareStatement("select pid from pg_stat_activity where datname = ?")) {
            q.setString(1, database);
            try (java.sql.ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    double s = seconds(rs.getLong(1));
                    if (s > 0) {
                        total += s;
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            return -1;
        }
        return total;
    }

    private static boolean isPostgres(ProcessHandle p) {
        return p.info().command().map(c -> c.endsWith("/postgres") || c.equals("postgres")).orElse(false);
    }

    /**
     * CPU ticks of every process on the machine now, by a short name (the service a JVM runs, "benchmark" for this
     * process, "postgres", "kafka-broker", "keycloak", else the command's file name): {@link #busiest} tells who else
     * had the cores while a figure was measured.
     */
    static java.util.Map<String, Long> byProcess() {
        java.util.Map<String, Long> ticks = new java.util.HashMap<>();
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses().forEach(p -> {
            long[] t = times(p.pid());
            if (t != null && t[0] + t[1] > 0) {
                ticks.merge(name(p, self), t[0] + t[1], Long::sum);
            }
        });
        return ticks;
    }

    /** The processes that used most CPU between two {@link #byProcess} snapshots, as "name 62%" over {@code seconds}. */
    static String busiest(java.util.Map<String, Long> before, java.util.Map<String, Long> after, double seconds, int count) {
        return after.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(count)
                .map(e -> String.format("%s %.0f%%", e.getKey(), 100 * e.getValue() / TICKS / seconds))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String name(ProcessHandle p, long self) {
        if (p.pid() == self) {
            return "benchmark";
        }
        String line = p.info().commandLine().orElse("");
        for (String known : new String[]{"assessment-service", "reporting-service", "notification-service", "keycloak", "kafka"}) {
            if (line.contains(known)) {
                return known.equals("kafka") ? "kafka-broker" : known;
            }
        }
        if (isPostgres(p)) {
            return "postgres";
        }
        String command = p.info().command().orElse("?");
        return command.substring(command.lastIndexOf('/') + 1);
    }

    /** utime, stime, cutime, cstime in ticks (fields 14–17 of /proc/pid/stat, counted after the command's parenthesis). */
    private static long[] times(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state): field n is f[n - 3]
            return new long[]{Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
