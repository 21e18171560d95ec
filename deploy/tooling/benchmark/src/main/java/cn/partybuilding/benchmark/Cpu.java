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
