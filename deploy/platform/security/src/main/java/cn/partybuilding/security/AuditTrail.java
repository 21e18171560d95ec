package cn.partybuilding.security;

import cn.partybuilding.contracts.CloudEventCodec;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Writes the audit trail. {@link #accepted} is called by a service inside the transaction of the change it records
 * (MANDATORY: outside one it fails, so a change cannot forget its transaction), and the row commits or rolls back with
 * the change. Refusals are written by {@link AuditFilters} in a transaction of their own, since nothing else is written.
 */
@ApplicationScoped
public class AuditTrail {
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    public enum Outcome {
        /** the change was made */
        ACCEPTED,
        /** 401 or 403: the caller may not do this */
        DENIED,
        /** any other 4xx: the request was refused, nothing written */
        REFUSED,
        /** 5xx: the service failed, nothing written */
        FAILED
    }

    @Inject
    DataSource dataSource;
    @Inject
    Caller caller;
    @Inject
    AuditContext context;

    /**
     * Records an accepted change of {@code targetType}/{@code targetId}. {@code before} is the state before the change
     * (null for a creation), {@code after} the state after it; both are stored as JSON.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accepted(String targetType, String targetId, Object before, Object after) {
        String action = requestActive() && context.action() != null ? context.action() : targetType + ".change";
        insert(action, targetType, targetId, Outcome.ACCEPTED, 200, before, after, null);
        if (requestActive()) {
            context.markRecorded();
        }
    }

    /** A refusal of the current request, in a transaction of its own (called by {@link AuditFilters}). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void refused(String action, String targetType, String targetId, int status, String detail) {
        insert(action, targetType, targetId, outcomeOf(status), status, null, null, detail);
    }

    static Outcome outcomeOf(int status) {
        if (status == 401 || status == 403) {
            return Outcome.DENIED;
        }
        return status >= 500 ? Outcome.FAILED : Outcome.REFUSED;
    }

    /**
     * A write refused before the REST layer read it (a body or request line over the platform's limits, see
     * {@link EarlyRefusals}): no request context there, so the actor comes from the request's identity ({@code null}:
     * nobody signed in or a token that was not accepted) and the request id is given.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void refusedBeforeReading(SecurityIdentity identity, String requestId, String action, String targetType, int status,
                              String detail) {
        Actor actor = identity == null ? Actor.ANONYMOUS : Actor.of(new Caller(identity));
        insert(actor, requestId, action, targetType, null, outcomeOf(status), status, null, null, detail);
    }

    /** Who acted, as stored: subject, name, roles (comma-separated, empty for nobody) and unit. */
    record Actor(String subject, String name, String roles, String unit) {
        static final Actor ANONYMOUS = new Actor("anonymous", "anonymous", "", null);
        static final Actor SYSTEM = new Actor("system", "system", "", null);

        static Actor of(Caller caller) {
            if (caller.isAnonymous()) {
                return new Actor(clip(caller.subject()), clip(caller.name()), "", null);
            }
            return new Actor(clip(caller.subject()), clip(caller.name()), String.join(",", caller.roles()),
                    caller.unitCode().map(AuditTrail::clip).orElse(null));
        }
    }

    private void insert(String action, String targetType, String targetId, Outcome outcome, int status, Object before,
                        Object after, String detail) {
        // outside a request (a scheduled job) the service itself acts
        boolean inRequest = requestActive();
        insert(inRequest ? Actor.of(caller) : Actor.SYSTEM, inRequest ? context.requestId() : "none", action, targetType,
                targetId, outcome, status, before, after, detail);
    }

    private void insert(Actor actor, String requestId, String action, String targetType, String targetId, Outcome outcome,
                        int status, Object before, Object after, String detail) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into audit_record (actor_subject, actor_name, actor_roles, actor_unit, action, target_type, target_id,
                                               outcome, status, request_id, before_state, after_state, detail)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?)""")) {
            insert.setString(1, actor.subject());
            insert.setString(2, actor.name());
            insert.setString(3, actor.roles());
            insert.setString(4, actor.unit());
            insert.setString(5, clip(action));
            insert.setString(6, clip(targetType));
            insert.setString(7, targetId == null ? null : clip(targetId));
            insert.setString(8, outcome.name());
            insert.setInt(9, status);
            insert.setString(10, requestId);
            json(insert, 11, before);
            json(insert, 12, after);
            insert.setString(13, detail == null ? null : clip(detail));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("audit record not written: " + e.getMessage(), e);
        }
        LOG.debugf("audit %s %s %s/%s", outcome, action, targetType, targetId);
    }

    private static void json(PreparedStatement statement, int index, Object state) throws SQLException {
        if (state == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, CloudEventCodec.MAPPER.valueToTree(state).toString());
        }
    }

    /** Text from requests may be hostile: bounded, and without NUL (which PostgreSQL text refuses). */
    static String clip(String text) {
        String clean = text.replace('\u0000', '\uFFFD');
        return clean.length() <= 500 ? clean : clean.substring(0, 500) + "…";
    }

    private static boolean requestActive() {
        ManagedContext request = Arc.container().requestContext();
        return request.isActive();
    }
}
