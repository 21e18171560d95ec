package cn.partybuilding.contracts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Issue 18.5: events read one after the other share one copy of their recurring texts, and ids stay their own. */
class CanonicalTest {
    private static byte[] record(String id) {
        return ("{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/learning-platform\",\"type\":\"" + EventTypes.STUDY_COMPLETED
                + "\",\"subject\":\"U7\",\"datacontenttype\":\"application/json\",\"data\":{}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void twoEventsShareTheirRecurringTextsButNotTheirIds() {
        CloudEvent a = CloudEventCodec.read(record("e-1"));
        CloudEvent b = CloudEventCodec.read(record("e-1"));
        assertSame(a.source(), b.source());
        assertSame(a.type(), b.type());
        assertSame(a.subject(), b.subject());
        assertSame(a.datacontenttype(), b.datacontenttype());
        assertNotSame(a.id(), b.id(), "an id is not kept in the shared copies: it never recurs");
        assertEquals(a.id(), b.id());
    }

    @Test
    void theSharedCopiesAreBounded() {
        Canonical texts = new Canonical(2);
        String firstA = new String("a");
        assertSame(firstA, texts.share(firstA));
        assertSame(firstA, texts.share(new String("a")), "within the limit: the first copy, shared");
        String firstB = new String("b");
        assertSame(firstB, texts.share(firstB));
        String firstC = new String("c");
        assertSame(firstC, texts.share(firstC));
        String secondC = new String("c");
        assertSame(secondC, texts.share(secondC), "past the limit a text is kept as read, not stored");
        assertNull(texts.share(null));
    }
}
