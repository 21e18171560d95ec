package cn.partybuilding.local;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bearer tokens for a service's own tests, shaped like the county realm's (deploy/tooling/identity): subject, name,
 * the flat {@code roles} claim, {@code unit_code}, {@code member_id}, the service as audience. Signed with the key
 * {@link TestIdentityResource} gave the service, or on purpose with another key, for another audience, or expired.
 */
public final class TestTokens {
    public static final String ISSUER = "https://identity.county.test/realms/county";
    private static volatile KeyPair keys;
    private static volatile KeyPair foreign;
    private static volatile String audience = "unset";

    private TestTokens() {
    }

    static synchronized KeyPair keys() {
        if (keys == null) {
            keys = generate();
        }
        return keys;
    }

    static void audience(String service) {
        audience = service;
    }

    /** 工委管理员 */
    public static String admin() {
        return person("test-admin", "工委管理员", "COMMITTEE_ADMIN").sign();
    }

    /** 考评人员 */
    public static String assessor() {
        return person("test-assessor", "考评员", "ASSESSOR").sign();
    }

    /** 审计人员 */
    public static String auditor() {
        return person("test-auditor", "审计员", "AUDITOR").sign();
    }

    /** the secretary of {@code unitCode} */
    public static String secretary(String unitCode) {
        return person("secretary-" + unitCode.toLowerCase(), unitCode + " 党组织书记", "UNIT_SECRETARY").unit(unitCode).sign();
    }

    /** a member of {@code unitCode} */
    public static String member(String memberId, String unitCode) {
        return person("member-" + memberId.toLowerCase(), "党员 " + memberId, "MEMBER").unit(unitCode).member(memberId).sign();
    }

    /** a 述职评议 reviewer signed in as {@code username} (e.g. reviewer-1) */
    public static String reviewer(String username) {
        return person(username, "评委 " + username, "DEBRIEF_REVIEWER").sign();
    }

    /** the learning platform's service account */
    public static String learningPlatform() {
        return person("service-account-learning-platform", "学习平台", "LEARNING_PLATFORM").sign();
    }

    public static Token person(String subject, String name, String... roles) {
        return new Token(subject, name, List.of(roles));
    }

    /** A token being built; {@link #sign()} makes the compact JWS. */
    public static final class Token {
        private final Map<String, Object> claims = new HashMap<>();
        private final String subject;
        private String audienceOverride;
        private Duration lifetime = Duration.ofHours(1);
        private Instant issuedAt = Instant.now();
        private boolean foreignKey;

        private Token(String subject, String name, List<String> roles) {
            this.subject = subject;
            claims.put("name", name);
            claims.put("preferred_username", subject);
            claims.put("roles", roles);
        }

        public Token unit(String unitCode) {
            claims.put("unit_code", unitCode);
            return this;
        }

        public Token member(String memberId) {
            claims.put("member_id", memberId);
            return this;
        }

        public Token audience(String other) {
            audienceOverride = other;
            return this;
        }

        /** issued two hours ago, expired an hour ago */
        public Token expired() {
            issuedAt = Instant.now().minus(Duration.ofHours(2));
            lifetime = Duration.ofHours(1);
            return this;
        }

        /** issued now, valid for {@code lifetime} */
        public Token expiresIn(Duration lifetime) {
            issuedAt = Instant.now();
            this.lifetime = lifetime;
            return this;
        }

        /** signed by a key the service does not know */
        public Token signedByAnotherKey() {
            foreignKey = true;
            return this;
        }

        public String sign() {
            JwtClaimsBuilder builder = Jwt.issuer(ISSUER).subject(subject)
                    .audience(audienceOverride != null ? audienceOverride : audience)
                    .issuedAt(issuedAt).expiresAt(issuedAt.plus(lifetime));
            claims.forEach(builder::claim);
            return builder.jws().keyId("test").sign(foreignKey ? foreignKeys().getPrivate() : keys().getPrivate());
        }
    }

    private static synchronized KeyPair foreignKeys() {
        if (foreign == null) {
            foreign = generate();
        }
        return foreign;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
