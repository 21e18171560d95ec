package cn.partybuilding.security;

import cn.partybuilding.contracts.CloudEventCodec;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
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

    private void insert(String action, String targetType, String targetId, Outcome outcome, int status, Object before,
                        Object after, String detail) {
        boolean inRequest = requestActive();
        boolean anonymous = !inRequest || caller.isAnonymous();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into audit_record (actor_subject, actor_name, actor_roles, actor_unit, action, target_type, target_id,
                                               outcome, status, request_id, before_state, after_state, detail)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?)""")) {
            // outside a request (a scheduled job) the service itself acts
            insert.setString(1, inRequest ? clip(caller.subject()) : "system");
            insert.setString(2, inRequest ? clip(caller.name()) : "system");
            insert.setString(3, anonymous ? "" : String.join(",", caller.roles()));
            insert.setString(4, anonymous ? null : caller.unitCode().map(AuditTrail::clip).orElse(null));
            insert.setString(5, clip(action));
            insert.setString(6, clip(targetType));
            insert.setString(7, targetId == null ? null : clip(targetId));
            insert.setString(8, outcome.name());
            insert.setInt(9, status);
            insert.setString(10, requestActive() ? context.requestId() : "none");
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
