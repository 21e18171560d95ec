package cn.partybuilding.assessment.study;

import cn.partybuilding.eventing.consume.ConsumedEvents;
import cn.partybuilding.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The upgrade of a database that the service migrated before it used the platform: its own V1__outbox.sql and V2…V8,
 * with ids in processed_event. Migrated again with both locations, the platform's V1 validates (same checksum), its
 * V1_1 applies out of order, and V9 carries the absorbed ids into consumed_event under the key the platform computes,
 * so a redelivered foreign study event is still recognised as consumed. Runs in a schema of its own.
 */
@QuarkusTest
// the committee's clerk: these tests are about the domain; who may do what is security/RoleMatrixTest's
@TestSecurity(user = "test-admin", roles = Roles.COMMITTEE_ADMIN)
class ConsumedEventMigrationTest {
    private static final String SCHEMA = "upgrade_check";
    private static final List<String> BEFORE_THE_PLATFORM = List.of("db/eventing/V1__outbox.sql", "db/migration/V2__organisation.sql",
            "db/migration/V3__indicator_system.sql", "db/migration/V4__period.sql", "db/migration/V5__assessment.sql",
            "db/migration/V6__rectification_bonus.sql", "db/migration/V7__study.sql", "db/migration/V8__external_study.sql");

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    @Test
    void idsAbsorbedBeforeThePlatformAreConsumedAfterTheUpgrade(@TempDir Path before) throws Exception {
        dropSchema();
        for (String script : BEFORE_THE_PLATFORM) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(script)) {
                Files.copy(in, before.resolve(Path.of(script).getFileName()));
            }
        }
        flyway("filesystem:" + before).migrate();
        List<String> ids = List.of("5f0c1e0a-4a55-4c3e-9d61-0c6f3c1d2b7a", "lp-2015-05-06-U007-042-weekly", "x".repeat(64));
        try (Connection c = connection(); PreparedStatement insert = c.prepareStatement("insert into " + SCHEMA + ".processed_event (event_id) values (?)")) {
            for (String id : ids) {
                insert.setString(1, id);
                insert.executeUpdate();
            }
        }

        flyway("classpath:db/migration", "classpath:db/eventing").migrate();

        Map<String, String> keys = new HashMap<>();
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select event_id, event_key, topic from " + SCHEMA + ".consumed_event")) {
            while (rs.next()) {
                keys.put(rs.getString(1), rs.getString(2));
                assertEquals("party.study.v1", rs.getString(3));
            }
        }
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select to_regclass('" + SCHEMA + ".processed_event') is not null")) {
            rs.next();
            assertFalse(rs.getBoolean(1), "processed_event is dropped");
        }
        Map<String, String> expected = new HashMap<>();
        ids.forEach(id -> expected.put(id, ConsumedEvents.key(id)));
        assertEquals(expected, keys);
    }

    private Flyway flyway(String... locations) {
        return Flyway.configure().dataSource(url, user, password).schemas(SCHEMA).createSchemas(true).outOfOrder(true)
                .locations(locations).load();
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
