package cn.partybuilding.security;

import cn.partybuilding.eventing.web.ProblemException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is calling, from the bearer token only (never from the request body): subject, display name, roles, and for a
 * unit secretary its unit, for a member its member id. Also the one rule of unit isolation every service applies: a
 * caller who is not county-wide sees another unit's (or member's) things exactly as things that do not exist (404),
 * so that a probe cannot even learn which ids exist.
 */
@RequestScoped
public class Caller {
    public static final String UNIT_CLAIM = "unit_code";
    public static final String MEMBER_CLAIM = "member_id";

    @Inject
    SecurityIdentity identity;

    public Caller() {
    }

    /** The caller of a request the REST layer never saw (the audit trail of a refusal before the body was read). */
    Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isAnonymous() {
        try {
            return identity.isAnonymous();
        } catch (AuthenticationFailedException e) {
            // a bearer token that failed verification (expired, another key, another audience): nobody is signed in.
            // Authentication is lazy (proactive=false), so this is where the failure surfaces, e.g. when the audit
            // trail records the 401 it caused.
            return true;
        }
    }

    /** The token's subject ({@code sub}), stable across renames; "anonymous" without a token. */
    public String subject() {
        if (isAnonymous()) {
            return "anonymous";
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    /** A name people recognise: the token's {@code name}, else {@code preferred_username}, else the subject. */
    public String name() {
        if (isAnonymous()) {
            return "anonymous";
        }
        return claim("name").or(() -> claim("preferred_username")).orElseGet(() -> identity.getPrincipal().getName());
    }

    /**
     * The sign-in name ({@code preferred_username}, e.g. {@code reviewer-1}), else the subject: what an administrator
     * types to name a person (a panel of reviewers), where the subject is a provider-made id.
     */
    public String username() {
        if (isAnonymous()) {
            return "anonymous";
        }
        return claim("preferred_username").orElseGet(this::subject);
    }

    public Set<String> roles() {
        return new TreeSet<>(identity.getRoles());
    }

    public boolean has(String role) {
        return identity.hasRole(role);
    }

    public boolean isCountyWide() {
        return identity.getRoles().stream().anyMatch(Roles.COUNTY_WIDE::contains);
    }

    /** The unit a unit secretary (or a member) belongs to, from the {@code unit_code} claim. */
    public Optional<String> unitCode() {
        return claim(UNIT_CLAIM);
    }

    /** The member a member's token stands for, from the {@code member_id} claim. */
    public Optional<String> memberId() {
        return claim(MEMBER_CLAIM);
    }

    /** Whether this caller may see the unit's things: county-wide roles all units, anyone else only its own. */
    public boolean mayAccessUnit(String unitCode) {
        return isCountyWide() || (unitCode != null && unitCode().map(unitCode::equals).orElse(false));
    }

    /** Whether this caller may see the member's things: county-wide roles everyone, a member itself only. */
    public boolean mayAccessMember(String memberId) {
        return isCountyWide() || (memberId != null && memberId().map(memberId::equals).orElse(false));
    }

    /**
     * Refuses another unit's thing as not found (404), the answer a missing one gets. {@code field} and {@code what}
     * describe it the way the service's own 404 does.
     */
    public void requireUnit(String unitCode, String field, String what) {
        if (!mayAccessUnit(unitCode)) {
            throw ProblemException.notFound(what + "不存在", field, "不存在");
        }
    }

    /** The units this caller may see, or empty when it sees all (a filter for lists). */
    public Optional<List<String>> visibleUnits() {
        if (isCountyWide()) {
            return Optional.empty();
        }
        return Optional.of(unitCode().map(List::of).orElse(List.of()));
    }

    private Optional<String> claim(String name) {
        if (isAnonymous()) {
            return Optional.empty();
        }
        Object value = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            value = jwt.getClaim(name);
        }
        if (value == null) {
            // @TestSecurity identities and augmentors carry claims as attributes
            value = identity.getAttribute(name);
        }
        if (value == null) {
            return Optional.empty();
        }
        String text = value instanceof jakarta.json.JsonString json ? json.getString() : value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
