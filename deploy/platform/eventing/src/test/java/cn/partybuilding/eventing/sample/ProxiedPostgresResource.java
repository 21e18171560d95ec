package cn.partybuilding.eventing.sample;

import cn.partybuilding.local.PostgresResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** The test database (database {@code eventing_test}) reached through a {@link TcpProxy} that tests can cut. */
public class ProxiedPostgresResource implements QuarkusTestResourceLifecycleManager {
    private static volatile TcpProxy proxy;
    private final PostgresResource database = new PostgresResource();

    public static TcpProxy proxy() {
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        database.init(Map.of("database", "eventing_test"));
        Map<String, String> settings = new HashMap<>(database.start());
        String url = settings.get("quarkus.datasource.jdbc.url");
        URI uri = URI.create(url.substring("jdbc:".length()));
        try {
            proxy = new TcpProxy(uri.getHost(), uri.getPort());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        settings.put("quarkus.datasource.jdbc.url", url.replace(uri.getHost() + ":" + uri.getPort(), "127.0.0.1:" + proxy.port()));
        return settings;
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.close();
            }
        } catch (java.io.IOException ignored) {
            // the test JVM ends anyway
        }
        database.stop();
    }
}
