package cn.partybuilding.e2e;

import cn.partybuilding.broker.KafkaBroker;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.local.PostgresDatabase;
import cn.partybuilding.local.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The three services from their packaged jars, each on a fresh PostgreSQL database of its own, with one
 * real Kafka broker: the system as it runs in production, driven over REST.
 */
final class RunningSystem implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final KafkaBroker broker;
    final ServiceProcess assessment;
    final ServiceProcess reporting;
    final ServiceProcess notification;
    private final List<ServiceProcess> all = new ArrayList<>();

    RunningSystem() throws IOException {
        Path root = Path.of(System.getProperty("repository.root", "../../..")).toAbsolutePath().normalize();
        Path logs = root.resolve("deploy/tooling/e2e/target/e2e-logs");
        Files.createDirectories(logs);
        broker = KafkaBroker.temporary().start();
        PostgresDatabase postgres = PostgresDatabase.fromEnvironment();
        assessment = service(root, "assessment-service", logs, postgres);
        reporting = service(root, "reporting-service", logs, postgres);
        notification = service(root, "notification-service", logs, postgres);
        for (ServiceProcess process : all) {
            process.awaitReady(Duration.ofMinutes(2));
        }
    }

    private ServiceProcess service(Path root, String name, Path logs, PostgresDatabase postgres) {
        String suffix = System.getenv("TEST_DB_SUFFIX");
        String db = name.substring(0, name.indexOf('-')) + "_e2e" + (suffix == null || suffix.isBlank() ? "" : "_" + suffix.toLowerCase());
        ServiceProcess process = new ServiceProcess(root, name, KafkaBroker.freePort(), logs)
                .property("kafka.bootstrap.servers", broker.bootstrapServers())
                .property("quarkus.datasource.jdbc.url", postgres.recreateDatabase(db))
                .property("quarkus.datasource.username", postgres.user())
                .property("quarkus.datasource.password", postgres.password())
                .property("quarkus.mailer.mock", "true")
                .start();
        all.add(process);
        return process;
    }

    static Response get(ServiceProcess service, String path) {
        return send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).GET());
    }

    static Response post(ServiceProcess service, String path, Object body) {
        String json = body instanceof String s ? s : CloudEventCodec.MAPPER.valueToTree(body).toString();
        return send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static Response put(ServiceProcess service, String path, Object body) {
        String json = CloudEventCodec.MAPPER.valueToTree(body).toString();
        return send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String body) {
        JsonNode json() {
            try {
                return CloudEventCodec.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }
    }

    @Override
    public void close() {
        all.forEach(ServiceProcess::close);
        broker.close();
    }
}
