package cn.partybuilding.security;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens already verified by quarkus-oidc, remembered until they expire. The workbench sends the same token with
 * every request of a session; verifying it each time (JSON parsing of header and claims, an RSA signature check) was
 * most of what a cached page cost: a JFR allocation profile of the published ranking at 1,000 requests/s put ~60 % of
 * reporting-service's allocation (~240 KB a request) in jose4j.
 * <p>
 * As an identity provider ahead of quarkus-oidc's, it answers a token it has seen with the identity quarkus-oidc made
 * of it, and otherwise answers nothing, so quarkus-oidc verifies the token. As an augmentor, it remembers each identity
 * quarkus-oidc accepted, keyed by the whole token text (header, claims and signature: a token that differs in one
 * character is verified afresh), until its {@code exp}. A token refused is never remembered. The per-request attributes
 * of the identity (the request's routing context and authentication context) are replaced by the current request's.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {
    /** Bounded: cleared when full (a county's signed-in users stay far below it within a token's lifetime). */
    static final int MAX_TOKENS = 10_000;

    private record Verified(SecurityIdentity identity, long expiresAtSecond) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Ahead of quarkus-oidc's provider (the system providers' default is 1001). */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken() == null ? null : request.getToken().getToken();
        Verified known = token == null ? null : verified.get(token);
        if (known == null) {
            return Uni.createFrom().nullItem();
        }
        if (clock.instant().getEpochSecond() >= known.expiresAtSecond()) {
            verified.remove(token);
            return Uni.createFrom().nullItem(); // quarkus-oidc refuses it as expired
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder(known.identity());
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            identity.addAttribute(RoutingContext.class.getName(), routing);
            identity.addAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, routing);
        }
        identity.addAttribute(AuthenticationRequestContext.class.getName(), context);
        return Uni.createFrom().item(identity.build());
    }

    /** Remembers the identity quarkus-oidc made of a bearer token, until the token expires. */
    void remember(SecurityIdentity identity) {
        if (!identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getRawToken() != null
                && jwt.getExpirationTime() > 0) {
            TokenCredential credential = identity.getCredential(TokenCredential.class);
            String token = credential != null && credential.getToken() != null ? credential.getToken() : jwt.getRawToken();
            if (token.equals(jwt.getRawToken()) && !verified.containsKey(token)) {
                if (verified.size() >= MAX_TOKENS) {
                    verified.clear();
                }
                verified.put(token, new Verified(identity, jwt.getExpirationTime()));
            }
        }
    }

    /** The augmentor that runs last and hands every accepted identity to {@link VerifiedTokens}. */
    @ApplicationScoped
    public static class Remember implements SecurityIdentityAugmentor {
        @jakarta.inject.Inject
        VerifiedTokens tokens;

        @Override
        public int priority() {
            return -1000;
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            tokens.remember(identity);
            return Uni.createFrom().item(identity);
        }
    }

    /** Whether this token is remembered now (for tests and diagnosis; the token text is never logged). */
    public boolean remembers(String token) {
        return verified.containsKey(token);
    }
}
