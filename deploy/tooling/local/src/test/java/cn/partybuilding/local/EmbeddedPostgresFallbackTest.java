package cn.partybuilding.local;

import cn.partybuilding.broker.KafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where no PostgreSQL answers, tests and the local stack get one started from Maven. */
class EmbeddedPostgresFallbackTest {

    @Test
    void noServerWhereConfiguredStartsOneEmbeddedServerPerJvmThatTakesQueries() throws SQLException {
        PostgresDatabase nowhere = new PostgresDatabase("127.0.0.1", KafkaBroker.freePort(), "postgres", "postgres");

        PostgresDatabase fallback = PostgresDatabase.orEmbedded(nowhere);

        assertNotEquals(nowhere.port(), fallback.port(), "the embedded server, not the configured port nobody listens on");
        String url = fallback.ensureDatabase("fallback_check");
        try (Connection connection = DriverManager.getConnection(url, fallback.user(), fallback.password());
             Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists unit (code text primary key, name text not null)");
            statement.execute("delete from unit");
            statement.execute("insert into unit values ('U2', '县委组织部'), ('U1', '县财政局')");
            try (ResultSet rs = statement.executeQuery("select string_agg(name, ',' order by code), current_setting('server_encoding') from unit")) {
                rs.next();
                assertEquals("县财政局,县委组织部", rs.getString(1));
                assertEquals("UTF8", rs.getString(2));
            }
            // the services' upserts are MERGE statements, which PostgreSQL has since 15
            statement.execute("merge into unit t using (select 'U1' as code, '县财政局（更名）' as name) s on t.code = s.code"
                    + " when matched then update set name = s.name when not matched then insert values (s.code, s.name)");
            try (ResultSet rs = statement.executeQuery("select name from unit where code = 'U1'")) {
                rs.next();
                assertEquals("县财政局（更名）", rs.getString(1));
            }
        }
        assertEquals(fallback.port(), PostgresDatabase.orEmbedded(nowhere).port(), "one embedded server per JVM, started once");
    }

    @Test
    void aServerThatAnswersWhereConfiguredIsUsed() throws Exception {
        try (ServerSocket listening = new ServerSocket(0)) {
            PostgresDatabase configured = new PostgresDatabase("127.0.0.1", listening.getLocalPort(), "postgres", "postgres");

            assertSame(configured, PostgresDatabase.orEmbedded(configured));
        }
    }

    @Test
    void theStacksServerKeepsItsDataBetweenRuns(@TempDir Path data) throws SQLException {
        Path dataDirectory = data.resolve("postgres");
        Path log = data.resolve("logs/postgres.log");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.persistent(dataDirectory, log)) {
            PostgresDatabase server = first.database();
            execute(server, server.ensureDatabase("assessment"), "create table kept (id int); insert into kept values (42)");
        }
        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.persistent(dataDirectory, log)) {
            PostgresDatabase server = second.database();
            try (Connection connection = DriverManager.getConnection(server.ensureDatabase("assessment"), server.user(), server.password());
                 Statement statement = connection.createStatement()) {
                try (ResultSet rs = statement.executeQuery("select id from kept")) {
                    assertTrue(rs.next(), "the row written before the restart");
                    assertEquals(42, rs.getInt(1));
                }
                try (ResultSet rs = statement.executeQuery("show fsync")) {
                    rs.next();
                    assertEquals("on", rs.getString(1), "data that is kept is written to disk for real");
                }
            }
        }
        assertTrue(Files.exists(dataDirectory.resolve("PG_VERSION")), "the data directory is the one given");
    }

    private static void execute(PostgresDatabase server, String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
