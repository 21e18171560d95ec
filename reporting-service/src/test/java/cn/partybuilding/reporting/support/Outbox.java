package cn.partybuilding.reporting.support;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The events the service wrote to its outbox for a topic, in order (what a publication emitted, before the relay). */
public final class Outbox {
    private Outbox() {
    }

    public static List<CloudEvent> events(DataSource dataSource, String topic) throws Exception {
        List<CloudEvent> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select payload from outbox_event where topic = ? order by seq")) {
            s.setString(1, topic);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(CloudEventCodec.read(rs.getString(1).getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return events;
    }
}
