package cn.partybuilding.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Base64;
import java.util.Map;

/**
 * Quarkus test resource for a service's own tests: the service accepts bearer tokens signed by a key made for this
 * test run (quarkus-oidc with {@code public-key}, no provider to reach), issued by {@link TestTokens#ISSUER} for the
 * audience given as init arg {@code audience} (the service's client id). Tests sign tokens with {@link TestTokens}.
 * The end-to-end module signs in at the real Keycloak instead.
 */
public class TestIdentityResource implements QuarkusTestResourceLifecycleManager {
    private String audience;

    @Override
    public void init(Map<String, String> initArgs) {
        audience = initArgs.get("audience");
        if (audience == null) {
            throw new IllegalArgumentException("TestIdentityResource needs the init arg audience (the service's client id)");
        }
    }

    @Override
    public Map<String, String> start() {
        TestTokens.audience(audience);
        return Map.of(
                "quarkus.oidc.public-key", Base64.getEncoder().encodeToString(TestTokens.keys().getPublic().getEncoded()),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER,
                "quarkus.oidc.token.audience", audience);
    }

    @Override
    public void stop() {
    }
}
