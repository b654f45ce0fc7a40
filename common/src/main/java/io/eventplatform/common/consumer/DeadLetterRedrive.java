package io.eventplatform.common.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.kafka.KafkaClients;

/**
 * Sends the dead letters of a topic back to it once their cause is fixed: every consumer group meets them again
 * (consumers are idempotent and ignore versions older than what they hold), and a group that still cannot process
 * one dead-letters it again. Topics are compacted, so republishing an old snapshot could make it the one compaction
 * keeps: a dead letter whose aggregate has a later record on the topic is superseded and left alone, and a record of
 * the same aggregate published while the re-drive ran is copied after the republished one again. Dead letters are
 * kept for the dead-letter topic's retention (Kafka's default, 7 days).
 */
@ApplicationScoped
public class DeadLetterRedrive {

    private static final Logger LOG = Logger.getLogger(DeadLetterRedrive.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final KafkaClients kafka;

    public DeadLetterRedrive(KafkaClients kafka) {
        this.kafka = kafka;
    }

    /** What became of the dead letters read: sent back, left as superseded, or skipped (no key or no origin). */
    public record Result(String topic, int deadLetters, int redriven, int superseded, int skipped) {
    }

    private record DeadLetter(String key, String value, TopicPartition origin, long offset) {
    }

    public Result redrive(AggregateType type) {
        String topic = type.topic();
        String clientId = "dlt-redrive-" + UUID.randomUUID();
        try (KafkaConsumer<String, String> reader = kafka.reader(clientId);
                KafkaProducer<String, String> producer = kafka.producer(clientId)) {
            List<ConsumerRecord<String, String>> dead = readAll(reader, new TopicPartition(type.deadLetterTopic(), 0));
            Map<String, DeadLetter> newest = new LinkedHashMap<>();
            int skipped = 0;
            for (ConsumerRecord<String, String> record : dead) {
                DeadLetter letter = parse(record, topic);
                if (letter == null) {
                    skipped++;
                } else {
                    newest.merge(letter.key(), letter, (a, b) -> b.offset() > a.offset() ? b : a);
                }
            }
            // Where the topic ends now: what is published from here on is looked at again after the re-drive.
            Map<TopicPartition, Long> ends = reader.endOffsets(reader.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList());
            Map<TopicPartition, Long> from = new HashMap<>();
            newest.values().forEach(d -> from.merge(d.origin(), d.offset() + 1, Math::min));
            for (ConsumerRecord<String, String> later : readUntil(reader, from, ends)) {
                DeadLetter letter = newest.get(later.key());
                if (letter != null && letter.origin().partition() == later.partition() && later.offset() > letter.offset()) {
                    newest.remove(later.key());
                }
            }
            Map<String, RecordMetadata> sent = new LinkedHashMap<>();
            for (DeadLetter letter : newest.values()) {
                sent.put(letter.key(), send(producer, letter.origin(), letter.key(), letter.value()));
            }
            restorePublishedMeanwhile(reader, producer, ends, sent);
            Result result = new Result(topic, dead.size(), sent.size(), dead.size() - sent.size() - skipped, skipped);
            LOG.infof("Re-drove the dead letters of %s: %s", topic, result);
            return result;
        } catch (KafkaException e) {
            LOG.warnf("Re-driving the dead letters of %s failed: %s", topic, e.toString());
            throw new ApiException(503, "Kafka unavailable, try again shortly");
        }
    }

    /**
     * A record of a re-driven aggregate that its owner published after {@code ends} was read and before the
     * republished one is published again, so that the topic's latest record of every aggregate stays its newest
     * snapshot.
     */
    private static void restorePublishedMeanwhile(KafkaConsumer<String, String> reader,
            KafkaProducer<String, String> producer, Map<TopicPartition, Long> ends,
            Map<String, RecordMetadata> sent) {
        Map<TopicPartition, Long> until = new HashMap<>();
        sent.values().forEach(m -> until.merge(new TopicPartition(m.topic(), m.partition()), m.offset(), Math::max));
        Map<String, ConsumerRecord<String, String>> meanwhile = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : readUntil(reader, ends, until)) {
            RecordMetadata ours = sent.get(record.key());
            if (ours != null && ours.partition() == record.partition() && record.offset() < ours.offset()) {
                meanwhile.put(record.key(), record);
            }
        }
        meanwhile.values().forEach(record -> send(producer,
                new TopicPartition(record.topic(), record.partition()), record.key(), record.value()));
    }

    private static DeadLetter parse(ConsumerRecord<String, String> record, String topic) {
        Header origin = record.headers().lastHeader(DomainEventConsumer.DLT_ORIGIN);
        if (record.key() == null || record.value() == null || origin == null) {
            return null;
        }
        // "<topic>-<partition>@<offset>"; topic names may contain '-'.
        String text = new String(origin.value(), StandardCharsets.UTF_8);
        int at = text.lastIndexOf('@');
        int dash = at < 0 ? -1 : text.lastIndexOf('-', at);
        if (dash < 0 || !text.substring(0, dash).equals(topic)) {
            return null;
        }
        try {
            return new DeadLetter(record.key(), record.value(),
                    new TopicPartition(topic, Integer.parseInt(text.substring(dash + 1, at))),
                    Long.parseLong(text.substring(at + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Into the partition the record came from, which is also the one its key maps to. */
    private static RecordMetadata send(KafkaProducer<String, String> producer, TopicPartition partition, String key,
            String value) {
        try {
            return producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), key, value))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException(e);
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(KafkaConsumer<String, String> reader,
            TopicPartition partition) {
        return readUntil(reader, reader.beginningOffsets(List.of(partition)), reader.endOffsets(List.of(partition)));
    }

    /** The records of each partition from {@code from} (inclusive) to {@code until} (exclusive). */
    private static List<ConsumerRecord<String, String>> readUntil(KafkaConsumer<String, String> reader,
            Map<TopicPartition, Long> from, Map<TopicPartition, Long> until) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Map<TopicPartition, Long> pending = new HashMap<>();
        from.forEach((partition, offset) -> {
            if (offset < until.getOrDefault(partition, 0L)) {
                pending.put(partition, offset);
            }
        });
        reader.assign(pending.keySet());
        pending.forEach(reader::seek);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!pending.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new KafkaException("Reading " + pending.keySet() + " took longer than " + TIMEOUT);
            }
            for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (pending.containsKey(partition) && record.offset() < until.get(partition)) {
                    records.add(record);
                }
            }
            pending.keySet().removeIf(partition -> reader.position(partition) >= until.get(partition));
        }
        return records;
    }
}
