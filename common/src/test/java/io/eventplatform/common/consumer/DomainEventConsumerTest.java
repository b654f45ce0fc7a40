package io.eventplatform.common.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.kafka.KafkaClients;
import io.eventplatform.common.testing.TopicProbe;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class DomainEventConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestReplicaHandler replica;

    @Inject
    KafkaClients kafka;

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private void awaitApplied(String id, long version) {
        await().atMost(WAIT).until(() -> {
            Document stored = replica.stored(id);
            return stored != null && stored.getLong("version") == version;
        });
    }

    @Test
    void aDuplicateDeliveryChangesNothing() throws Exception {
        String id = newId();
        DomainEvent event = TestEvents.snapshot(id, 1, Map.of("name", "first"));
        String marker = newId();
        try (TestEvents events = new TestEvents()) {
            events.send(event);
            events.send(event);
            events.send(TestEvents.snapshot(marker, 1, Map.of("name", "marker")));
        }
        awaitApplied(marker, 1);
        await().atMost(WAIT).until(() -> TestReplicaHandler.ATTEMPTS.get(id) != null && TestReplicaHandler.ATTEMPTS.get(id).get() == 2);
        Document stored = replica.stored(id);
        assertEquals(1, stored.getInteger("applied_count"));
        assertEquals(1L, stored.getLong("version"));
        assertEquals("first", stored.getString("name"));
    }

    @Test
    void anOlderSnapshotDeliveredLateIsIgnored() throws Exception {
        String id = newId();
        try (TestEvents events = new TestEvents()) {
            events.send(TestEvents.snapshot(id, 2, Map.of("name", "second")));
            events.send(TestEvents.snapshot(id, 1, Map.of("name", "first")));
            await().atMost(WAIT).until(() -> TestReplicaHandler.ATTEMPTS.get(id) != null && TestReplicaHandler.ATTEMPTS.get(id).get() == 2);
            Document stored = replica.stored(id);
            assertEquals("second", stored.getString("name"));
            assertEquals(2L, stored.getLong("version"));
            assertEquals(1, stored.getInteger("applied_count"));

            events.send(TestEvents.snapshot(id, 3, Map.of("name", "third")));
        }
        awaitApplied(id, 3);
        assertEquals("third", replica.stored(id).getString("name"));
        assertEquals(2, replica.stored(id).getInteger("applied_count"));
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicWithItsReasonAndDoesNotBlockThePartition() throws Exception {
        String key = newId();
        String after = newId();
        try (TopicProbe deadLetters = new TopicProbe(AggregateType.TEMPLATE.deadLetterTopic());
                TestEvents events = new TestEvents()) {
            events.send(key, "this is not a domain event");
            events.send(TestEvents.snapshot(key, 1, Map.of("name", "bad", "poison", true)));
            events.send(TestEvents.snapshot(after, 1, Map.of("name", "after the poison")));
            awaitApplied(after, 1);
            await().atMost(WAIT).until(() -> deadLetters.records().stream().filter(r -> key.equals(r.key())).count() == 2);
            List<ConsumerRecord<String, String>> dead = deadLetters.records().stream().filter(r -> key.equals(r.key())).toList();
            assertEquals("this is not a domain event", dead.get(0).value());
            String reason = new String(dead.get(0).headers().lastHeader(DomainEventConsumer.DLT_REASON).value(), StandardCharsets.UTF_8);
            assertTrue(reason.startsWith("Not a domain event"), reason);
            String poisonReason = new String(dead.get(1).headers().lastHeader(DomainEventConsumer.DLT_REASON).value(), StandardCharsets.UTF_8);
            assertEquals("test snapshot marked as poison", poisonReason);
            assertTrue(new String(dead.get(1).headers().lastHeader(DomainEventConsumer.DLT_ORIGIN).value(), StandardCharsets.UTF_8)
                    .startsWith(AggregateType.TEMPLATE.topic() + "-"));
        }
        assertEquals(null, replica.stored(key));
    }

    @Test
    void aTransientFailureIsRetriedAndTheOffsetIsCommittedOnlyAfterTheEffectIsStored() throws Exception {
        String id = newId();
        TestReplicaHandler.HELD.add(id);
        RecordMetadata sent;
        try (TestEvents events = new TestEvents()) {
            sent = events.send(TestEvents.snapshot(id, 1, Map.of("name", "held")));
        }
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        await().atMost(WAIT).until(() -> TestReplicaHandler.ATTEMPTS.get(id) != null && TestReplicaHandler.ATTEMPTS.get(id).get() >= 3);
        assertEquals(null, replica.stored(id));
        assertTrue(committed(partition) <= sent.offset(), "committed past a record whose effect is not stored");

        TestReplicaHandler.HELD.remove(id);
        awaitApplied(id, 1);
        await().atMost(WAIT).until(() -> committed(partition) > sent.offset());
        assertEquals(1, replica.stored(id).getInteger("applied_count"));
    }

    private long committed(TopicPartition partition) throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("common-test")
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata offset = offsets.get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }
}
