package cn.partybuilding.security;

import jakarta.enterprise.context.RequestScoped;

/**
 * What the audit trail knows about the current request: its id (the client's {@code X-Request-Id} or a new one), the
 * operation ("POST /periods/{period}/lock"), and whether the change already recorded itself in its transaction.
 */
@RequestScoped
public class AuditContext {
    private String requestId;
    private String action;
    private boolean recorded;

    public String requestId() {
        if (requestId == null) {
            requestId = java.util.UUID.randomUUID().toString();
        }
        return requestId;
    }

    void requestId(String id) {
        this.requestId = id;
    }

    public String action() {
        return action;
    }

    void action(String action) {
        this.action = action;
    }

    public boolean recorded() {
        return recorded;
    }

    void markRecorded() {
        this.recorded = true;
    }
}
