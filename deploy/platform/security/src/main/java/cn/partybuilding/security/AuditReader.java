package cn.partybuilding.security;

import cn.partybuilding.contracts.CloudEventCodec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads pages of the audit trail with the filters of {@link AuditResource}. */
@ApplicationScoped
public class AuditReader {
    @Inject
    DataSource dataSource;

    public AuditResource.Page page(String actor, String target, Instant from, Instant to, int page, int size) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        if (actor != null) {
            where.append(" and (actor_subject = ? or actor_name = ?)");
            args.add(actor);
            args.add(actor);
        }
        if (target != null) {
            int slash = target.indexOf('/');
            if (slash < 0) {
                where.append(" and target_type = ?");
                args.add(target);
            } else {
                where.append(" and target_type = ? and target_id = ?");
                args.add(target.substring(0, slash));
                args.add(target.substring(slash + 1));
            }
        }
        if (from != null) {
            where.append(" and recorded_at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            where.append(" and recorded_at < ?");
            args.add(Timestamp.from(to));
        }
        try (Connection connection = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = connection.prepareStatement("select count(*) from audit_record" + where)) {
                bind(count, args);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                }
            }
            List<AuditResource.Entry> items = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select id, recorded_at, actor_subject, actor_name, actor_roles, actor_unit, action, target_type, target_id,
                           outcome, status, request_id, before_state::text, after_state::text, detail
                    from audit_record""" + where + " order by id desc limit ? offset ?")) {
                List<Object> all = new ArrayList<>(args);
                all.add(size);
                all.add((long) page * size);
                bind(select, all);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String roles = rows.getString(5);
                        items.add(new AuditResource.Entry(rows.getLong(1), rows.getTimestamp(2).toInstant(),
                                new AuditResource.Actor(rows.getString(3), rows.getString(4),
                                        roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")), rows.getString(6)),
                                rows.getString(7), new AuditResource.Target(rows.getString(8), rows.getString(9)),
                                rows.getString(10), rows.getInt(11), rows.getString(12), json(rows.getString(13)),
                                json(rows.getString(14)), rows.getString(15)));
                    }
                }
            }
            return new AuditResource.Page(page, size, total, items);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return CloudEventCodec.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
