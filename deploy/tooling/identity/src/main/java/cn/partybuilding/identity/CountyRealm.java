package cn.partybuilding.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the realm file ({@code deploy/tooling/identity/realm-county.json}, in this module's jar) says, for those who
 * print or use it: the demo people with their roles and claims, the clients' demo secrets. The file is the truth;
 * nothing here repeats it.
 */
public final class CountyRealm {
    public static final String NAME = "county";
    public static final String FILE = "realm-county.json";
    /** The public client with the password grant: the stack's curl line and the tests, never production. */
    public static final String CLI_CLIENT = "county-cli";
    /** The browser client (authorization code with PKCE). */
    public static final String WORKBENCH_CLIENT = "workbench";
    public static final String LEARNING_PLATFORM_CLIENT = "learning-platform";
    public static final List<String> SERVICE_CLIENTS = List.of("assessment-service", "reporting-service", "notification-service");

    /** A person of the demo county who signs in; {@code unitCode} and {@code memberId} may be null. */
    public record DemoUser(String username, String password, String displayName, List<String> roles, String unitCode, String memberId) {
    }

    private CountyRealm() {
    }

    static InputStream open() {
        InputStream in = CountyRealm.class.getResourceAsStream(FILE);
        if (in == null) {
            throw new IllegalStateException(FILE + " missing from the classpath: build deploy/tooling/identity with Maven first");
        }
        return in;
    }

    private static JsonNode realm() {
        try (InputStream in = open()) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The people (service accounts left out), in the file's order. */
    public static List<DemoUser> demoUsers() {
        List<DemoUser> users = new ArrayList<>();
        for (JsonNode user : realm().path("users")) {
            if (user.has("serviceAccountClientId")) {
                continue;
            }
            List<String> roles = new ArrayList<>();
            user.path("realmRoles").forEach(r -> roles.add(r.asText()));
            String password = null;
            for (JsonNode credential : user.path("credentials")) {
                if ("password".equals(credential.path("type").asText())) {
                    password = credential.path("value").asText();
                }
            }
            users.add(new DemoUser(user.path("username").asText(), password,
                    user.path("firstName").asText("") + user.path("lastName").asText(""), List.copyOf(roles),
                    attribute(user, "unit_code"), attribute(user, "member_id")));
        }
        return users;
    }

    /** The demo secret of a confidential client (production: the provider's own, from the environment). */
    public static String clientSecret(String clientId) {
        for (JsonNode client : realm().path("clients")) {
            if (clientId.equals(client.path("clientId").asText()) && client.has("secret")) {
                return client.path("secret").asText();
            }
        }
        throw new IllegalArgumentException("no confidential client " + clientId + " in " + FILE);
    }

    private static String attribute(JsonNode user, String name) {
        JsonNode values = user.path("attributes").path(name);
        return values.isArray() && !values.isEmpty() ? values.get(0).asText() : null;
    }
}
