package cn.partybuilding.contracts;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared copy of the texts that recur in every record: the spec version, the sources, the types, the content types
 * and schemas, the unit codes. A consumer keeps a poll's events until it commits (tens of thousands at a time); each of
 * them holding its own copy of the same few hundred texts was a fifth of what the poll kept alive (issue 18.5). The
 * copy made while reading still dies young; only the one kept is shared. Bounded: past its limit of distinct texts a
 * text is kept as read, so a stream of distinct values cannot grow it (8,192 texts).
 */
public final class Canonical {
    private static final Canonical SHARED = new Canonical(8_192);

    private final int limit;
    private final ConcurrentHashMap<String, String> texts = new ConcurrentHashMap<>();

    Canonical(int limit) {
        this.limit = limit;
    }

    /** The shared copy of {@code text} (null for null). */
    public static String of(String text) {
        return SHARED.share(text);
    }

    String share(String text) {
        if (text == null) {
            return null;
        }
        String shared = texts.get(text);
        if (shared != null) {
            return shared;
        }
        if (texts.size() >= limit) {
            return text;
        }
        shared = texts.putIfAbsent(text, text);
        return shared == null ? text : shared;
    }
}
