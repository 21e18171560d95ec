package cn.partybuilding.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The realm file, imported by a real Keycloak (one start for the whole class: 7–25 s): every demo person gets a token
 * whose flat {@code roles}, {@code unit_code}, {@code member_id} and audiences are what the services will check, the
 * learning platform gets a client-credentials token for assessment-service only, and the browser client refuses
 * what it must refuse.
 */
class CountyRealmTest {
    private static final List<String> OUR_ROLES = List.of("COMMITTEE_ADMIN", "ASSESSOR", "AUDITOR", "UNIT_SECRETARY", "MEMBER", "LEARNING_PLATFORM",
            "DEBRIEF_REVIEWER");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KeycloakServer keycloak;

    /** username → roles, unit_code, member_id: the demo county's people as the issue names them. */
    private static final Map<String, Expected> PEOPLE = new LinkedHashMap<>();

    private record Expected(Set<String> roles, String unitCode, String memberId) {
    }

    static {
        PEOPLE.put("committee-admin", new Expected(Set.of("COMMITTEE_ADMIN"), null, null));
        PEOPLE.put("assessor", new Expected(Set.of("ASSESSOR"), null, null));
        PEOPLE.put("auditor", new Expected(Set.of("AUDITOR"), null, null));
        for (String unit : List.of("U001", "U002", "U003")) {
            PEOPLE.put("secretary-" + unit.toLowerCase(), new Expected(Set.of("UNIT_SECRETARY", "MEMBER"), unit, unit + "-002"));
            PEOPLE.put("leader-" + unit.toLowerCase(), new Expected(Set.of("UNIT_SECRETARY", "MEMBER"), unit, unit + "-001"));
        }
        PEOPLE.put("member-u001", new Expected(Set.of("MEMBER"), null, "U001-006"));
        for (int n = 1; n <= 5; n++) {
            PEOPLE.put("reviewer-" + n, new Expected(Set.of("DEBRIEF_REVIEWER"), null, null));
        }
    }

    @BeforeAll
    static void startKeycloak() {
        Path home = Path.of(System.getProperty("identity.keycloak.home", "target/keycloak"));
        keycloak = KeycloakServer.onFreePort(home).start(Duration.ofMinutes(8));
    }

    @AfterAll
    static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.stop();
        }
    }

    @Test
    void everyDemoPersonSignsInWithTheirRolesUnitMemberIdAndTheThreeServicesAsAudience() throws Exception {
        List<CountyRealm.DemoUser> users = CountyRealm.demoUsers();
        assertEquals(PEOPLE.keySet(), users.stream().map(CountyRealm.DemoUser::username).collect(Collectors.toSet()),
                "the realm file's people are the ones this test knows");
        List<String> failures = new ArrayList<>();
        for (CountyRealm.DemoUser user : users) {
            Expected expected = PEOPLE.get(user.username());
            HttpResponse<String> response = passwordGrant(CountyRealm.CLI_CLIENT, user.username(), user.password());
            if (response.statusCode() != 200) {
                failures.add(user.username() + ": " + response.statusCode() + " " + response.body());
                continue;
            }
            JsonNode claims = accessTokenClaims(response);
            check(failures, user.username() + " iss", keycloak.issuer(), claims.path("iss").asText());
            check(failures, user.username() + " roles", expected.roles(), ourRoles(claims));
            check(failures, user.username() + " unit_code", expected.unitCode(), text(claims, "unit_code"));
            check(failures, user.username() + " member_id", expected.memberId(), text(claims, "member_id"));
            check(failures, user.username() + " aud", Set.of("assessment-service", "reporting-service", "notification-service"),
                    audiences(claims));
            check(failures, user.username() + " preferred_username", user.username(), text(claims, "preferred_username"));
            assertTrue(claims.hasNonNull("sub"), user.username() + " has a subject");
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void theLearningPlatformGetsAClientCredentialsTokenForAssessmentServiceOnly() throws Exception {
        HttpResponse<String> response = token(form("grant_type", "client_credentials", "client_id", CountyRealm.LEARNING_PLATFORM_CLIENT,
                "client_secret", CountyRealm.clientSecret(CountyRealm.LEARNING_PLATFORM_CLIENT)));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode claims = accessTokenClaims(response);
        assertEquals(Set.of("LEARNING_PLATFORM"), ourRoles(claims));
        assertEquals(Set.of("assessment-service"), audiences(claims));
        assertEquals(CountyRealm.LEARNING_PLATFORM_CLIENT, claims.path("azp").asText());
        assertNull(text(claims, "unit_code"));
    }

    /** The settings the stack gives each service name its client, whose service account signs in with them. */
    @Test
    void eachServiceHasAServiceAccountWithoutPeoplesRolesReachableWithTheSettingsItIsGiven() throws Exception {
        for (String service : CountyRealm.SERVICE_CLIENTS) {
            Map<String, String> env = keycloak.serviceEnvironment(service);
            assertEquals(service, env.get("QUARKUS_OIDC_TOKEN_AUDIENCE"));
            assertEquals("roles", env.get("QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH"));
            HttpResponse<String> response = token(form("grant_type", "client_credentials", "client_id", env.get("QUARKUS_OIDC_CLIENT_ID"),
                    "client_secret", env.get("QUARKUS_OIDC_CREDENTIALS_SECRET")));
            assertEquals(200, response.statusCode(), service + ": " + response.body());
            JsonNode claims = accessTokenClaims(response);
            assertEquals(env.get("QUARKUS_OIDC_AUTH_SERVER_URL"), claims.path("iss").asText(), service);
            assertEquals(Set.of(), ourRoles(claims), service);
        }
    }

    @Test
    void theBrowserClientHasNoPasswordGrantAndRequiresPkce() throws Exception {
        assertRefused(passwordGrant(CountyRealm.WORKBENCH_CLIENT, "assessor", "demo"), 400, "unauthorized_client");

        String redirect = "http://127.0.0.1:8082/";
        String withoutPkce = keycloak.issuer() + "/protocol/openid-connect/auth?" + form("response_type", "code",
                "client_id", CountyRealm.WORKBENCH_CLIENT, "redirect_uri", redirect, "scope", "openid");
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(withoutPkce)).GET().build(), HttpResponse.BodyHandlers.ofString());
        String location = refused.headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith(redirect) && location.contains("error=invalid_request") && location.contains("code_challenge"),
                refused.statusCode() + " " + location);

        String withPkce = withoutPkce + "&" + form("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                "code_challenge_method", "S256");
        HttpResponse<String> signIn = HTTP.send(HttpRequest.newBuilder(URI.create(withPkce)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, signIn.statusCode(), "the sign-in page");
        assertTrue(signIn.body().contains("kc-form-login") || signIn.body().contains("username"), "a sign-in form");
    }

    @Test
    void aWrongPasswordGetsNoToken() throws Exception {
        assertRefused(passwordGrant(CountyRealm.CLI_CLIENT, "assessor", "not-the-password"), 401, "invalid_grant");
    }

    /** What the stack, the end-to-end tests and the benchmark sign in with: the claims the services will check. */
    @Test
    void theTokenClientSignsInAsPeopleAndAsTheLearningPlatform() {
        TokenClient tokens = TokenClient.of(keycloak);
        List<String> failures = new ArrayList<>();
        for (String username : List.of("committee-admin", "secretary-u001", "member-u001")) {
            Expected expected = PEOPLE.get(username);
            JsonNode claims = tokens.person(username).claims();
            check(failures, username + " roles", expected.roles(), ourRoles(claims));
            check(failures, username + " unit_code", expected.unitCode(), text(claims, "unit_code"));
            check(failures, username + " member_id", expected.memberId(), text(claims, "member_id"));
            check(failures, username + " aud", Set.copyOf(CountyRealm.SERVICE_CLIENTS), audiences(claims));
            check(failures, username + " azp", CountyRealm.CLI_CLIENT, text(claims, "azp"));
        }
        JsonNode platform = tokens.serviceAccount(CountyRealm.LEARNING_PLATFORM_CLIENT).claims();
        check(failures, "learning-platform roles", Set.of("LEARNING_PLATFORM"), ourRoles(platform));
        check(failures, "learning-platform unit_code", null, text(platform, "unit_code"));
        check(failures, "learning-platform aud", Set.of("assessment-service"), audiences(platform));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(tokens.person("assessor").authorization().startsWith("Bearer ey"), "an Authorization header with the JWT");
    }

    /** One sign-in per token lifetime, not per request; a token about to expire is never handed out. */
    @Test
    void theTokenClientKeepsATokenUntilShortlyBeforeItExpires() {
        MovableClock clock = new MovableClock();
        TokenClient.Caller admin = new TokenClient(java.net.URI.create(keycloak.tokenEndpoint()), clock).person("committee-admin");
        String first = admin.accessToken();
        long lifetime = admin.claims().path("exp").asLong() - admin.claims().path("iat").asLong();
        assertEquals(900, lifetime, "the realm's 15 minutes");

        clock.advance(Duration.ofSeconds(lifetime).minus(TokenClient.RENEW_BEFORE_EXPIRY).minusSeconds(5));
        assertEquals(first, admin.accessToken(), "still valid long enough: the same token, no new sign-in");

        clock.advance(Duration.ofSeconds(10));
        String renewed = admin.accessToken();
        assertNotEquals(first, renewed, "about to expire: signed in again");
        assertEquals(renewed, admin.accessToken());
    }

    @Test
    void theTokenClientSaysWhyItGotNoToken() {
        TokenClient tokens = TokenClient.of(keycloak);
        IllegalStateException wrongPassword = assertThrows(IllegalStateException.class,
                () -> tokens.person("assessor", "not-the-password").accessToken());
        assertTrue(wrongPassword.getMessage().contains("401") && wrongPassword.getMessage().contains("invalid_grant"), wrongPassword.getMessage());
        IllegalStateException wrongSecret = assertThrows(IllegalStateException.class,
                () -> tokens.serviceAccount(CountyRealm.LEARNING_PLATFORM_CLIENT, "not-the-secret").accessToken());
        assertTrue(wrongSecret.getMessage().contains("unauthorized_client"), wrongSecret.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tokens.person("nobody"), "not a demo person");
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static HttpResponse<String> passwordGrant(String client, String username, String password) throws Exception {
        return token(form("grant_type", "password", "client_id", client, "username", username, "password", password));
    }

    private static void assertRefused(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains(error), response.body());
    }

    private static HttpResponse<String> token(String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode accessTokenClaims(HttpResponse<String> response) throws Exception {
        String token = JSON.readTree(response.body()).path("access_token").asText();
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length, "a signed JWT");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    private static Set<String> ourRoles(JsonNode claims) {
        Set<String> roles = new HashSet<>();
        claims.path("roles").forEach(r -> roles.add(r.asText()));
        roles.retainAll(OUR_ROLES);
        return roles;
    }

    private static Set<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        Set<String> out = new HashSet<>();
        if (aud.isArray()) {
            aud.forEach(a -> out.add(a.asText()));
        } else if (aud.isTextual()) {
            out.add(aud.asText());
        }
        return out;
    }

    private static String text(JsonNode claims, String name) {
        return claims.hasNonNull(name) ? claims.get(name).asText() : null;
    }

    private static void check(List<String> failures, String what, Object expected, Object actual) {
        if (expected == null ? actual != null : !expected.equals(actual)) {
            failures.add(what + ": expected " + expected + " but was " + actual);
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
