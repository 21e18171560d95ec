package cn.partybuilding.notification.notice;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

import java.util.function.Supplier;

/**
 * Runs a unit of work in a transaction of its own and, when it lost a race on a notice's {@code version} (another
 * transaction changed the row after it was read), runs it again on a fresh read. The work must flush before it
 * returns so that the conflict surfaces here, with the transaction rolled back, and not later at commit.
 */
public final class OptimisticRetry {
    private OptimisticRetry() {
    }

    /** Returns the work's result; after {@code attempts} conflicts the last one is rethrown. */
    public static <T> T inNewTransaction(int attempts, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work::get);
            } catch (RuntimeException e) {
                if (attempt >= attempts || !isConflict(e)) {
                    throw e;
                }
            }
        }
    }

    /** Whether {@code e} (or a cause) says a versioned row was changed by someone else meanwhile. */
    public static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }
}
