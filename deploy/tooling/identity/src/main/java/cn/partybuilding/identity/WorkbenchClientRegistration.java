package cn.partybuilding.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Lets the realm's browser client {@code workbench} come back to a workbench on a port of the test's choosing: the realm
 * file allows only the stack's ports 8081–8083, so a test or the benchmark adds its reporting-service's origin to the client's redirect
 * URIs and web origins through Keycloak's admin API (the tooling Keycloak's admin, admin/admin), as a county's identity
 * team would register its workbench's address.
 */
public final class WorkbenchClientRegistration {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WorkbenchClientRegistration() {
    }

    /** Adds {@code origin} (e.g. {@code http://127.0.0.1:41234}) to the workbench client's redirect URIs and web origins. */
    public static void allow(KeycloakServer keycloak, String origin) {
        String admin = adminToken(keycloak);
        String clients = keycloak.baseUrl() + "/admin/realms/" + CountyRealm.NAME + "/clients";
        JsonNode found = json(send(HttpRequest.newBuilder(URI.create(clients + "?clientId=" + CountyRealm.WORKBENCH_CLIENT)).header("Authorization", "Bearer " + admin).GET(), 200));
        ObjectNode client = (ObjectNode) found.get(0);
        add((ArrayNode) client.withArray("redirectUris"), origin + "/*");
        add((ArrayNode) client.withArray("webOrigins"), origin);
        send(HttpRequest.newBuilder(URI.create(clients + "/" + client.get("id").asText()))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(client.toString())), 204);
    }

    private static void add(ArrayNode values, String value) {
        for (JsonNode v : values) {
            if (v.asText().equals(value)) {
                return;
            }
        }
        values.add(value);
    }

    private static String adminToken(KeycloakServer keycloak) {
        String form = "grant_type=password&client_id=admin-cli&username=" + enc(KeycloakServer.ADMIN_USER) + "&password=" + enc(KeycloakServer.ADMIN_PASSWORD);
        return json(send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)), 200))
                .get("access_token").asText();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException("Keycloak admin API: " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(body, e);
        }
    }
}
