package cn.partybuilding.reporting.security;

import cn.partybuilding.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The platform remembers bearer tokens quarkus-oidc verified (security.VerifiedTokens) so that a session's requests do
 * not verify the same token again: what it remembers must never outlive the token or stand in for another token.
 */
@QuarkusTest
class VerifiedTokensTest {
    private static final String READ = "/audit?size=1";

    @jakarta.inject.Inject
    cn.partybuilding.security.VerifiedTokens verified;

    private static int status(String token) {
        return given().header("Authorization", "Bearer " + token).get(READ).statusCode();
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() {
        String token = TestTokens.person("test-admin", "工委管理员", "COMMITTEE_ADMIN").expiresIn(Duration.ofSeconds(5)).sign();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, status(token), "accepted while valid, request " + (i + 1));
        }
        org.junit.jupiter.api.Assertions.assertTrue(verified.remembers(token), "verified once, then remembered");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> status(token) == 401);
        assertEquals(401, status(token), "and stays refused");
    }

    @Test
    void aTokenThatDiffersInOneCharacterIsVerifiedAfresh() {
        String token = TestTokens.person("test-admin", "工委管理员", "COMMITTEE_ADMIN").sign();
        assertEquals(200, status(token));
        int at = token.length() - 20; // inside the signature
        String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        assertEquals(401, status(tampered), "a changed signature is not the remembered token");
        org.junit.jupiter.api.Assertions.assertFalse(verified.remembers(tampered), "a refused token is never remembered");
        assertEquals(200, status(token));
    }

    @Test
    void eachTokenKeepsItsOwnRoles() {
        String admin = TestTokens.person("same-person", "同一人", "COMMITTEE_ADMIN").sign();
        String secretary = TestTokens.person("same-person", "同一人", "UNIT_SECRETARY").unit("U1").sign();
        assertEquals(200, status(admin));
        assertEquals(403, status(secretary), "the audit trail is not a secretary's, whoever was signed in before");
        assertEquals(200, status(admin));
    }
}
