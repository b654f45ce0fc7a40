package io.eventplatform.common.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.kafka.KafkaClients;
import io.eventplatform.common.kafka.PlatformConfig;
import io.eventplatform.common.testing.TopicProbe;
import io.eventplatform.devstack.DevStackTestResource;
import io.eventplatform.devstack.EmbeddedKafka;
import io.eventplatform.devstack.FreePorts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class OutboxRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    MongoClient mongo;

    @Inject
    OutboxRelay relay;

    @Inject
    KafkaClients kafka;

    @Inject
    MeterRegistry metrics;

    @Inject
    PlatformConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private MongoCollection<TestAggregate> aggregates(String database) {
        return mongo.getDatabase(database).getCollection("test_aggregates", TestAggregate.class);
    }

    private static String eventId(TestAggregate aggregate) {
        return aggregate.outbox.get(0).eventId;
    }

    private static long copiesOf(TopicProbe probe, TestAggregate aggregate) {
        return probe.eventsFor(aggregate.id.toHexString()).stream().filter(e -> e.eventId().equals(eventId(aggregate))).count();
    }

    private boolean outboxEmpty(String database, TestAggregate aggregate) {
        Document stored = mongo.getDatabase(database).getCollection("test_aggregates")
                .find(new Document("_id", aggregate.id)).first();
        return stored.getList(OutboxEntry.FIELD, Document.class).isEmpty();
    }

    @Test
    void aNudgedWriteIsPublishedAndRemovedFromItsOutbox() {
        TestAggregate aggregate = TestAggregate.created("nudged");
        aggregates("common_test").insertOne(aggregate);
        Document stored = mongo.getDatabase("common_test").getCollection("test_aggregates").find(new Document("_id", aggregate.id)).first();
        assertEquals(eventId(aggregate), stored.getList("outbox", Document.class).get(0).getString("event_id"));

        relay.nudge("test_aggregates", aggregate.id);
        try (TopicProbe probe = new TopicProbe(AggregateType.TEMPLATE.topic())) {
            await().atMost(WAIT).until(() -> copiesOf(probe, aggregate) == 1);
            DomainEvent published = probe.eventsFor(aggregate.id.toHexString()).get(0);
            assertEquals("template.created", published.type());
            assertEquals(1, published.aggregateVersion());
            assertEquals("nudged", published.data().get("name").asText());
        }
        await().atMost(WAIT).until(() -> outboxEmpty("common_test", aggregate));
    }

    @Test
    void writesNudgedWithinOneBatchWindowArePublishedTogether() {
        List<TestAggregate> written = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TestAggregate aggregate = TestAggregate.created("batched " + i);
            aggregates("common_test").insertOne(aggregate);
            written.add(aggregate);
        }
        double batchesBefore = metrics.counter("outbox.batches").count();
        written.forEach(aggregate -> relay.nudge("test_aggregates", aggregate.id));
        try (TopicProbe probe = new TopicProbe(AggregateType.TEMPLATE.topic())) {
            await().atMost(WAIT).until(() -> written.stream().allMatch(aggregate -> copiesOf(probe, aggregate) == 1));
        }
        // One window, or two if the 20 nudges happened to straddle a window's end on a loaded machine; not 20.
        double batches = metrics.counter("outbox.batches").count() - batchesBefore;
        assertTrue(batches >= 1 && batches <= 2, "20 nudges published in " + batches + " batches");
    }

    @Test
    void theSweepPublishesWhatNoNudgeAnnounced() {
        TestAggregate aggregate = TestAggregate.created("swept");
        aggregates("common_test").insertOne(aggregate);
        try (TopicProbe probe = new TopicProbe(AggregateType.TEMPLATE.topic())) {
            await().atMost(WAIT).until(() -> copiesOf(probe, aggregate) == 1);
        }
        await().atMost(WAIT).until(() -> outboxEmpty("common_test", aggregate));
    }

    @Test
    void aRelayThatDiedBetweenPublishAndRemovalPublishesAgainAndConsumersApplyOnce() throws Exception {
        TestAggregate aggregate = TestAggregate.created("crashed relay");
        String database = "common_test_crash";
        aggregates(database).insertOne(aggregate);
        // What the dead relay managed before its crash: the record is on the topic, the entry still in the outbox.
        try (KafkaProducer<String, String> producer = kafka.producer("crashed-relay")) {
            OutboxEntry entry = aggregate.outbox.get(0);
            producer.send(new ProducerRecord<>(entry.topic, entry.key, entry.payload)).get(10, TimeUnit.SECONDS);
        }
        OutboxRelay restarted = new OutboxRelay(mongo, database, config, kafka, new SimpleMeterRegistry());
        try (TopicProbe probe = new TopicProbe(AggregateType.TEMPLATE.topic())) {
            await().atMost(WAIT).until(() -> restarted.drainAll() == 0 && outboxEmpty(database, aggregate));
            await().atMost(WAIT).until(() -> copiesOf(probe, aggregate) == 2);
        } finally {
            restarted.close();
        }
        io.eventplatform.common.consumer.TestReplicaHandlerAccess.awaitAppliedOnce(aggregate.id.toHexString());
    }

    @Test
    void writesSucceedWhileKafkaIsDownAndArePublishedWhenItComesBack() throws Exception {
        int port = FreePorts.pick();
        String database = "common_test_down";
        KafkaClients unreachable = new KafkaClients(Map.<String, Object>of("bootstrap.servers", "127.0.0.1:" + port), config);
        OutboxRelay relayWithoutBroker = new OutboxRelay(mongo, database, config, unreachable, new SimpleMeterRegistry());
        EmbeddedKafka broker = null;
        try {
            List<TestAggregate> written = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                TestAggregate aggregate = TestAggregate.created("written while down " + i);
                aggregates(database).insertOne(aggregate);
                written.add(aggregate);
            }
            assertEquals(0, relayWithoutBroker.drainAll());
            for (TestAggregate aggregate : written) {
                assertTrue(!outboxEmpty(database, aggregate), "an entry was removed although nothing was published");
            }

            broker = EmbeddedKafka.start(Files.createTempDirectory("kafka-comes-back"), "127.0.0.1", port, FreePorts.pick());
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                relayWithoutBroker.drainAll();
                return written.stream().allMatch(a -> outboxEmpty(database, a));
            });
            try (TopicProbe probe = new TopicProbe(broker.bootstrapServers(), AggregateType.TEMPLATE.topic())) {
                await().atMost(WAIT).until(() -> written.stream().allMatch(a -> copiesOf(probe, a) >= 1));
            }
        } finally {
            relayWithoutBroker.close();
            if (broker != null) {
                broker.close();
            }
        }
    }
}
