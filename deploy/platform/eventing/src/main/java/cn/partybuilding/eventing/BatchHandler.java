package cn.partybuilding.eventing;

import cn.partybuilding.contracts.DataReader;

import java.util.List;

/**
 * Applies a batch of events. Contract:
 * <ul>
 *   <li>everything it applies commits in one database transaction, before it returns;</li>
 *   <li>it is idempotent by event id (a redelivered batch changes nothing);</li>
 *   <li>an event it cannot apply (unreadable data, unknown codes) is returned as a {@link Rejection}
 *       and the rest is applied; the loop dead-letters the rejections;</li>
 *   <li>any exception means "nothing was applied, try again later" (database down): the loop retries
 *       the same records after a backoff without committing offsets.</li>
 * </ul>
 */
@FunctionalInterface
public interface BatchHandler {
    List<Rejection> handle(List<IncomingEvent> batch) throws Exception;

    /**
     * The reader of the data this handler receives by the million on {@code topic} ({@link IncomingEvent#data()}), used by
     * the loop's parsing threads; null (the default): every event's data is a tree.
     */
    default DataReader dataReader(String topic) {
        return null;
    }

    record Rejection(IncomingEvent event, String reason) {
    }
}
