package cn.partybuilding.contracts;

/** A record that is not a readable CloudEvent, or whose data misses what the consumer needs. The message is the dead-letter reason. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
