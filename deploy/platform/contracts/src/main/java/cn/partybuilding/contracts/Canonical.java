package cn.partybuilding.contracts;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared copy of the texts that recur in every record: the spec version, the sources, the types, the content types
 * and schemas, the unit codes. A consumer keeps a poll's events until it commits (tens of thousands at a time); each of
 * them holding its own copy of the same few hundred texts was a fifth of what the poll kept alive (issue 18.5). The
 * copy made while reading still dies young; only the one kept is shared. Bounded: past {@link #LIMIT} distinct texts a
 * text is kept as read, so a stream of distinct values cannot grow it.
 */
public final class Canonical {
    static final int LIMIT = 8_192;
    private static final ConcurrentHashMap<String, String> TEXTS = new ConcurrentHashMap<>();

    private Canonical() {
    }

    /** The shared copy of {@code text} (null for null). */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        String shared = TEXTS.get(text);
        if (shared != null) {
            return shared;
        }
        if (TEXTS.size() >= LIMIT) {
            return text;
        }
        shared = TEXTS.putIfAbsent(text, text);
        return shared == null ? text : shared;
    }
}
