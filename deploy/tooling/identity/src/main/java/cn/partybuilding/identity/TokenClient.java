package cn.partybuilding.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Gets access tokens from the county realm's token endpoint for the tools that call the services (the local stack,
 * the end-to-end tests, the benchmark): the password grant through the public client {@link CountyRealm#CLI_CLIENT}
 * for a demo person, the client-credentials grant for a confidential client's service account (the learning
 * platform). Each {@link Caller} keeps its token until shortly before it expires, so a test or a load generator asks
 * Keycloak once per token lifetime (15 minutes in the realm), not once per request.
 */
public final class TokenClient {
    /**
     * A token is renewed this long before it expires: a request sent with it still arrives while it is valid, even on
     * a machine slowed by a benchmark.
     */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI tokenEndpoint;
    private final Clock clock;

    TokenClient(URI tokenEndpoint, Clock clock) {
        this.tokenEndpoint = tokenEndpoint;
        this.clock = clock;
    }

    /** Tokens from a realm's token endpoint ({@code <issuer>/protocol/openid-connect/token}). */
    public static TokenClient at(String tokenEndpoint) {
        return new TokenClient(URI.create(tokenEndpoint), Clock.systemUTC());
    }

    /** Tokens from the county realm of a running Keycloak. */
    public static TokenClient of(KeycloakServer keycloak) {
        return at(keycloak.tokenEndpoint());
    }

    /** A demo person of the realm file, signing in with the password the file gives them (demo and tests only). */
    public Caller person(String username) {
        CountyRealm.DemoUser user = CountyRealm.demoUsers().stream().filter(u -> u.username().equals(username)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo person " + username + " in " + CountyRealm.FILE));
        return person(username, user.password());
    }

    /** Someone signing in with the password grant of {@link CountyRealm#CLI_CLIENT}. */
    public Caller person(String username, String password) {
        return new Caller(username, form("grant_type", "password", "client_id", CountyRealm.CLI_CLIENT,
                "username", username, "password", password));
    }

    /** A confidential client's service account with its demo secret from the realm file (the learning platform). */
    public Caller serviceAccount(String clientId) {
        return serviceAccount(clientId, CountyRealm.clientSecret(clientId));
    }

    /** A confidential client's service account (client-credentials grant). */
    public Caller serviceAccount(String clientId, String secret) {
        return new Caller(clientId, form("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /**
     * One signed-in party: a person or a service account. {@link #accessToken()} answers the cached token while it has
     * more than {@link #RENEW_BEFORE_EXPIRY} left and signs in again otherwise. Safe to share between threads.
     */
    public final class Caller {
        private final String name;
        private final String grant;
        private String token;
        private Instant renewAt = Instant.MIN;

        private Caller(String name, String grant) {
            this.name = name;
            this.grant = grant;
        }

        /** The username or client id, for messages. */
        public String name() {
            return name;
        }

        /** A valid access token (a signed JWT); signs in when there is none or it is about to expire. */
        public synchronized String accessToken() {
            if (token == null || !clock.instant().isBefore(renewAt)) {
                signIn();
            }
            return token;
        }

        /** The value of an {@code Authorization} header. */
        public String authorization() {
            return "Bearer " + accessToken();
        }

        /** The claims of the current access token (its payload, not verified: the services verify it). */
        public JsonNode claims() {
            String[] parts = accessToken().split("\\.");
            try {
                return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void signIn() {
            Instant asked = clock.instant();
            HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(grant)).build();
            HttpResponse<String> response;
            try {
                response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(name + ": no token from " + tokenEndpoint, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (response.statusCode() != 200) {
                // Keycloak's body names the reason (invalid_grant, unauthorized_client, ...)
                throw new IllegalStateException(name + ": no token from " + tokenEndpoint + " (" + response.statusCode() + "): " + response.body());
            }
            try {
                JsonNode body = JSON.readTree(response.body());
                token = body.path("access_token").asText();
                // counted from the moment it was asked for: the provider's clock started no earlier
                renewAt = asked.plusSeconds(body.path("expires_in").asLong(60)).minus(RENEW_BEFORE_EXPIRY);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
