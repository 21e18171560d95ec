package cn.partybuilding.eventing.sample;

import cn.partybuilding.eventing.BatchHandler.Rejection;
import cn.partybuilding.eventing.IncomingEvent;
import cn.partybuilding.eventing.consume.EventApplier;
import cn.partybuilding.eventing.consume.EventConsumers;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

/** A service's consumer as the platform expects it: only the rules (store the label; "reject" breaks the contract). */
@ApplicationScoped
public class SampleApplier implements EventApplier {
    public static final String TOPIC = "platform.sample.v1";

    @Inject
    AgroalDataSource dataSource;

    void register(@Observes StartupEvent event, EventConsumers consumers) {
        consumers.register("sample", List.of(TOPIC), this);
    }

    @Override
    public List<Rejection> apply(List<IncomingEvent> events) throws Exception {
        List<Rejection> rejections = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into sample_fact (event_id, label) values (?, ?)")) {
            for (IncomingEvent e : events) {
                String label = e.event().data().path("label").asText();
                if ("reject".equals(label)) {
                    rejections.add(new Rejection(e, "label says reject"));
                    continue;
                }
                insert.setString(1, e.id());
                insert.setString(2, label);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return rejections;
    }
}
