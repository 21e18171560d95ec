package cn.partybuilding.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Reads the {@code data} of the event types a consumer receives by the million straight from the record's parser into
 * the consumer's own value, instead of a JSON tree that is read once and then kept until the poll commits (issue 18.5:
 * those trees were most of what a poll kept alive). {@link CloudEventCodec#read(byte[], DataReader)} calls it only when
 * {@code type} came before {@code data} in the record (as every publisher of this platform writes them); otherwise the
 * data becomes a tree as for any other event.
 */
public interface DataReader {
    /** True when this reader reads the data of events of {@code type}. */
    boolean reads(String type);

    /**
     * Reads the value at {@code token} (the parser is on it) to its end; throws {@link InvalidEventException} with the
     * reason a consumer would give for the same data read from a tree.
     */
    Object read(JsonParser parser, JsonToken token) throws IOException;
}
