package io.eventplatform.common.consumer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.events.PoisonMessageException;
import io.eventplatform.common.internal.InternalCallFilter;
import io.eventplatform.common.kafka.KafkaClients;
import io.eventplatform.common.kafka.PlatformConfig;
import io.eventplatform.common.testing.TopicProbe;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class DomainEventConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestReplicaHandler replica;

    @Inject
    KafkaClients kafka;

    @Inject
    PlatformConfig config;

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
            // A poison message is not tried again.
            assertEquals(PoisonMessageException.class.getName(), header(dead.get(1), DomainEventConsumer.DLT_EXCEPTION));
            assertEquals("1", header(dead.get(1), DomainEventConsumer.DLT_ATTEMPTS));
            assertTrue(new String(dead.get(1).headers().lastHeader(DomainEventConsumer.DLT_ORIGIN).value(), StandardCharsets.UTF_8)
                    .startsWith(AggregateType.TEMPLATE.topic() + "-"));
        }
        assertEquals(null, replica.stored(key));
    }

    @Test
    void aStoreThatIsDownIsRetriedForAsLongAsItLastsWithoutDeadLetteringAndTheOffsetIsCommittedOnlyAfterTheEffectIsStored()
            throws Exception {
        String id = newId();
        TestReplicaHandler.HELD.add(id);
        RecordMetadata sent;
        try (TopicProbe deadLetters = new TopicProbe(AggregateType.TEMPLATE.deadLetterTopic());
                TestEvents events = new TestEvents()) {
            sent = events.send(TestEvents.snapshot(id, 1, Map.of("name", "held")));
            TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
            // Well past the attempts a failing record gets before it is dead-lettered.
            await().atMost(WAIT).until(() -> attempts(id) >= config.consumer().maxAttempts() + 2);
            assertEquals(null, replica.stored(id));
            assertTrue(committed(partition) <= sent.offset(), "committed past a record whose effect is not stored");

            TestReplicaHandler.HELD.remove(id);
            awaitApplied(id, 1);
            await().atMost(WAIT).until(() -> committed(partition) > sent.offset());
            assertEquals(1, replica.stored(id).getInteger("applied_count"));
            assertTrue(deadLetters.records().stream().noneMatch(r -> id.equals(r.key())), "a transient failure was dead-lettered");
        }
    }

    @Test
    void aRecordThatKeepsFailingIsDeadLetteredWithItsExceptionAfterItsAttemptsAndTheRestOfItsPartitionIsApplied()
            throws Exception {
        String before = newId();
        String failing = newId();
        String after = newId();
        try (TopicProbe deadLetters = new TopicProbe(AggregateType.TEMPLATE.deadLetterTopic());
                TestEvents events = new TestEvents()) {
            events.send(0, TestEvents.snapshot(before, 1, Map.of("name", "before")));
            RecordMetadata bad = events.send(0, TestEvents.snapshot(failing, 1, Map.of("name", "overflows", "fail", true)));
            RecordMetadata last = events.send(0, TestEvents.snapshot(after, 1, Map.of("name", "after")));
            awaitApplied(before, 1);
            awaitApplied(after, 1);
            ConsumerRecord<String, String> dead = await().atMost(WAIT).until(
                    () -> deadLetters.records().stream().filter(r -> failing.equals(r.key())).findFirst(), Optional::isPresent).get();

            assertEquals(DomainEvent.fromJson(dead.value()).aggregateId(), failing);
            assertEquals("java.lang.ArithmeticException", header(dead, DomainEventConsumer.DLT_EXCEPTION));
            assertEquals("Overflow (test)", header(dead, DomainEventConsumer.DLT_REASON));
            assertEquals(Integer.toString(config.consumer().maxAttempts()), header(dead, DomainEventConsumer.DLT_ATTEMPTS));
            assertEquals(AggregateType.TEMPLATE.topic() + "-0@" + bad.offset(), header(dead, DomainEventConsumer.DLT_ORIGIN));
            assertEquals("common-test", header(dead, DomainEventConsumer.DLT_GROUP));
            assertTrue(attempts(failing) >= config.consumer().maxAttempts());
            assertEquals(null, replica.stored(failing));
            await().atMost(WAIT).until(() -> committed(new TopicPartition(last.topic(), 0)) > last.offset());
            assertEquals(1, deadLetters.records().stream().filter(r -> failing.equals(r.key())).count());
        }
    }

    @Test
    void aDeadLetterIsReDrivenOnceItsCauseIsFixedUnlessALaterSnapshotOfItsAggregateSupersededIt() throws Exception {
        String fixed = newId();
        String superseded = newId();
        try (TopicProbe deadLetters = new TopicProbe(AggregateType.TEMPLATE.deadLetterTopic());
                TopicProbe topic = new TopicProbe(AggregateType.TEMPLATE.topic());
                TestEvents events = new TestEvents()) {
            events.send(1, TestEvents.snapshot(fixed, 1, Map.of("name", "fixed later", "fail", true)));
            events.send(2, TestEvents.snapshot(superseded, 1, Map.of("name", "version 1", "fail", true)));
            await().atMost(WAIT).until(() -> deadLetters.records().stream()
                    .filter(r -> fixed.equals(r.key()) || superseded.equals(r.key())).count() == 2);
            events.send(2, TestEvents.snapshot(superseded, 2, Map.of("name", "version 2")));
            awaitApplied(superseded, 2);
            TestReplicaHandler.FIXED.add(fixed);
            TestReplicaHandler.FIXED.add(superseded);

            redrive().body("topic", equalTo(AggregateType.TEMPLATE.topic()));
            awaitApplied(fixed, 1);
            assertEquals("fixed later", replica.stored(fixed).getString("name"));
            // Sent back once; a second re-drive finds it superseded by its own copy.
            redrive();
            await().atMost(WAIT).until(() -> topic.records().stream().filter(r -> fixed.equals(r.key())).count() == 2);
            // Version 1 of the other was not sent back: it would have become the record compaction keeps.
            assertEquals(2, topic.records().stream().filter(r -> superseded.equals(r.key())).count());
            assertEquals("version 2", replica.stored(superseded).getString("name"));
            assertEquals(2L, replica.stored(superseded).getLong("version"));
        }
        given().post("/internal/dead-letters/" + AggregateType.TEMPLATE.topic() + "/redrive").then().statusCode(403);
        given().header(InternalCallFilter.HEADER, "test-service-token").post("/internal/dead-letters/platform.nothing/redrive")
                .then().statusCode(404).body("detail", equalTo("Not a platform topic: platform.nothing"));
    }

    private static ValidatableResponse redrive() {
        return given().header(InternalCallFilter.HEADER, "test-service-token")
                .post("/internal/dead-letters/" + AggregateType.TEMPLATE.topic() + "/redrive").then().statusCode(200);
    }

    @Test
    void theWorkOfAMemberThatVanishedWithoutLeavingMovesWithinTheSessionTimeout() throws Exception {
        TopicPartition held;
        try (KafkaConsumer<String, String> crashing = kafka.consumer("common-test", "crashing-member", Optional.empty())) {
            crashing.subscribe(List.of(AggregateType.TEMPLATE.topic()));
            await().atMost(WAIT).until(() -> {
                crashing.poll(Duration.ofMillis(100));
                return !crashing.assignment().isEmpty();
            });
            held = crashing.assignment().iterator().next();
            // As kill -9 would: no goodbye, the group learns of it only when its heartbeats stop.
            crashing.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
        }
        long crashed = System.nanoTime();
        String id = newId();
        try (TestEvents events = new TestEvents()) {
            events.send(held.partition(), TestEvents.snapshot(id, 1, Map.of("name", "on the vanished member's partition")));
        }
        awaitApplied(id, 1);
        Duration waited = Duration.ofNanos(System.nanoTime() - crashed);
        // The session timeout is 10 s; Kafka's default of 45 s kept counts stale for 40 s after a crash.
        assertTrue(waited.compareTo(Duration.ofSeconds(25)) < 0, "the partition moved only after " + waited);
    }

    private static int attempts(String id) {
        AtomicInteger attempts = TestReplicaHandler.ATTEMPTS.get(id);
        return attempts == null ? 0 : attempts.get();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
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
