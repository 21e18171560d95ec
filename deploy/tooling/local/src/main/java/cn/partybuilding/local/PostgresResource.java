package cn.partybuilding.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Quarkus test resource: points the default datasource at a database of its own on the machine's
 * PostgreSQL, or on an embedded one started once per test JVM when none answers there (see
 * {@link PostgresDatabase#fromEnvironment()}), created when missing. The database name comes from the
 * init argument {@code database}, e.g.
 * {@code @QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "assessment_test"))}.
 * Flyway then cleans and migrates it at start (the services' test profile sets clean-at-start).
 * {@code TEST_DB_SUFFIX} in the environment appends {@code _<suffix>} to the name.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
    private String database = "partybuilding_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        // Two checkouts testing at once on one machine (CI beside a developer) must not clean each other's database.
        String suffix = System.getenv("TEST_DB_SUFFIX");
        if (suffix != null && !suffix.isBlank()) {
            database = database + "_" + suffix.toLowerCase();
        }
    }

    @Override
    public Map<String, String> start() {
        PostgresDatabase server = PostgresDatabase.fromEnvironment();
        String url = server.ensureDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", server.user(),
                "quarkus.datasource.password", server.password());
    }

    @Override
    public void stop() {
        // the database stays for inspection after a failed run; the next run cleans it
    }
}
