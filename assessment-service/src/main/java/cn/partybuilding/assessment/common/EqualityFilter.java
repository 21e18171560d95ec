package cn.partybuilding.assessment.common;

import java.util.ArrayList;
import java.util.List;

/**
 * The where-clause of a list operation whose query parameters are each optional and each an equality
 * ({@code ?unitCode=&status=…}): only the given ones constrain the query, as Panache positional parameters.
 */
public final class EqualityFilter {
    private final StringBuilder where = new StringBuilder("1 = 1");
    private final List<Object> params = new ArrayList<>();

    /** Adds {@code field = value} when a value was given; nothing when it is null. */
    public EqualityFilter and(String field, Object value) {
        if (value != null) {
            params.add(value);
            where.append(" and ").append(field).append(" = ?").append(params.size());
        }
        return this;
    }

    /** The clause, followed by {@code suffix} (e.g. an order by). */
    public String query(String suffix) {
        return suffix.isEmpty() ? where.toString() : where + " " + suffix;
    }

    public Object[] params() {
        return params.toArray();
    }
}
