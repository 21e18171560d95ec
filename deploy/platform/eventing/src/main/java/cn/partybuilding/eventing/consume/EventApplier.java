package cn.partybuilding.eventing.consume;

import cn.partybuilding.contracts.DataReader;
import cn.partybuilding.eventing.BatchHandler.Rejection;
import cn.partybuilding.eventing.IncomingEvent;

import java.util.List;

/**
 * What a service writes for one of its consumers: the rules that apply events. The platform
 * ({@link IdempotentHandler}) opens the transaction, drops events consumed before, calls {@link #apply}, records the
 * applied ids in the same transaction, and falls back to one transaction per event when the database refuses a value.
 */
public interface EventApplier {
    /**
     * Applies events never consumed before (each id once, in poll order) inside the consumer's transaction, using the
     * service's datasource or EntityManager as usual. An event whose content breaks the contract (unknown member,
     * missing field) is returned as a rejection, dead-lettered with that reason, and not recorded as consumed; anything
     * thrown means "nothing applied": the batch is retried (or, for a value the database refuses, applied one by one).
     */
    List<Rejection> apply(List<IncomingEvent> events) throws Exception;

    /**
     * Events this applier deduplicates by a natural key of its own (a study completion counts once per member, kind and
     * day, whatever its event id): the platform neither looks up nor records their ids, which spares the hot path a
     * write per event. Default: none.
     */
    default boolean deduplicatesItself(IncomingEvent event) {
        return false;
    }

    /**
     * Reads the data of the events this applier receives by the million on {@code topic} straight into its own values
     * ({@link IncomingEvent#data()}) while the poll is parsed, instead of a tree kept until the poll commits. Default: none.
     */
    default DataReader dataReader(String topic) {
        return null;
    }

    /** After the transaction committed, with the events that were applied (e.g. to invalidate cached figures). */
    default void committed(List<IncomingEvent> applied) {
    }
}
