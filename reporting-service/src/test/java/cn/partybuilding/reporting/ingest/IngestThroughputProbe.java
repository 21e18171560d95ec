package cn.partybuilding.reporting.ingest;

import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.Topics;
import cn.partybuilding.eventing.IncomingEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Not part of the default run ({@code -Dprobe.ingest=true} enables it): drives study completions through the batch handler
 * directly (no broker) in batches of 5,000, to see what the database side of the ingest sustains on this machine, and prints it.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "probe.ingest", matches = "true")
class IngestThroughputProbe {
    @Inject
    FactBatchHandler handler;

    @Test
    void studyCompletionsPerSecond() throws Exception {
        int total = Integer.getInteger("probe.events", 200_000);
        int batchSize = 5000;
        String[] types = {"WEEKLY_STUDY", "MONTHLY_DISCUSSION", "THEME_DAY", "PARTY_LECTURE"};
        List<List<IncomingEvent>> batches = new ArrayList<>();
        List<IncomingEvent> batch = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            int unit = i % 500;
            int member = i % 50_000;
            LocalDate day = LocalDate.of(2025, 1 + (i / 50_000) % 12, 1 + (i / 600_000) % 28);
            CloudEvent event = CloudEvent.of("/probe", EventTypes.STUDY_COMPLETED, "P" + unit, CloudEventCodec.toTree(Map.of(
                    "memberId", "PM" + member, "unitCode", "P" + unit, "activityType", types[(i / 50_000 / 12) % 4], "date", day.toString(), "minutes", 45)));
            byte[] bytes = CloudEventCodec.write(event);
            ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.STUDY, 0, i, "P" + unit, bytes);
            batch.add(new IncomingEvent(CloudEventCodec.read(bytes), record));
            if (batch.size() == batchSize) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        double before = handler.appliedCount();
        long start = System.nanoTime();
        for (List<IncomingEvent> b : batches) {
            assertEquals(0, handler.handle(b).size());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("INGEST PROBE: %d study completions in %.2f s = %.0f events/s (handler + PostgreSQL, batches of %d)%n",
                total, seconds, total / seconds, batchSize);
        assertEquals(total, handler.appliedCount() - before, 0.1);
    }
}
