package io.eventplatform.common.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.events.PoisonMessageException;
import io.eventplatform.common.kafka.KafkaClients;
import io.eventplatform.common.kafka.PlatformConfig;
import io.eventplatform.common.time.Clocks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;

/**
 * Feeds the service's {@link DomainEventHandler}s from Kafka, at least once: a record's offset is committed only
 * after its handler returned (its effect is stored). A transient failure rewinds to the failed record and retries
 * after a backoff; a poison message goes to the topic's dead-letter topic with the reason and the partition moves on.
 * With a {@link ReplayGeneration}, a raised generation replays every partition from the beginning.
 * Metrics: {@code consumer.lag} (records not yet applied), {@code consumer.last.event.age} (seconds since the last
 * applied event happened) and {@code consumer.apply.delay} (from an event happening to its being applied).
 */
@ApplicationScoped
public class DomainEventConsumer {

    public static final String DLT_REASON = "dlt.reason";
    public static final String DLT_ORIGIN = "dlt.origin";
    private static final Logger LOG = Logger.getLogger(DomainEventConsumer.class);

    private final Map<String, DomainEventHandler> handlers;
    private final KafkaClients kafka;
    private final PlatformConfig config;
    private final String groupId;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Counter applied;
    private final Counter deadLettered;
    private final Counter retried;
    private final Timer applyDelay;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong lastAppliedEventMillis = new AtomicLong();
    private final Instance<ReplayGeneration> replay;
    /** The generation each assigned partition's position belongs to. */
    private final Map<TopicPartition, Long> partitionGenerations = new ConcurrentHashMap<>();
    private volatile long generation;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile KafkaProducer<String, String> deadLetters;
    private Thread thread;

    public DomainEventConsumer(Instance<DomainEventHandler> handlers, KafkaClients kafka, PlatformConfig config,
            @ConfigProperty(name = "quarkus.application.name") String applicationName, MeterRegistry metrics,
            Instance<ReplayGeneration> replay) {
        this.handlers = handlers.stream().collect(Collectors.toMap(h -> h.aggregateType().topic(), h -> h));
        this.kafka = kafka;
        this.config = config;
        this.groupId = config.consumer().groupId().orElse(applicationName);
        this.applied = metrics.counter("consumer.records.applied");
        this.deadLettered = metrics.counter("consumer.records.dead_lettered");
        this.retried = metrics.counter("consumer.records.retried");
        this.replay = replay;
        this.applyDelay = Timer.builder("consumer.apply.delay").publishPercentiles(0.5, 0.99)
                .description("From a domain event happening to its being applied here").register(metrics);
        Gauge.builder("consumer.lag", lag, AtomicLong::get).description("Records on the assigned partitions not yet applied")
                .register(metrics);
        Gauge.builder("consumer.last.event.age", lastAppliedEventMillis,
                last -> last.get() == 0 ? 0 : (System.currentTimeMillis() - last.get()) / 1000.0)
                .description("Seconds since the last applied domain event happened").baseUnit("seconds").register(metrics);
    }

    void onStart(@Observes StartupEvent event) {
        if (!handlers.isEmpty()) {
            start();
        }
    }

    public synchronized void start() {
        if (handlers.isEmpty() || !running.compareAndSet(false, true)) {
            return;
        }
        thread = new Thread(this::run, "domain-event-consumer-" + groupId);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops polling without committing anything further: what was not committed is delivered again. */
    @PreDestroy
    public synchronized void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running.get() && !kafka.ensureTopics()) {
            sleep(config.consumer().retryBackoff());
        }
        try (KafkaConsumer<String, String> c = kafka.consumer(groupId, groupId + "-" + ProcessHandle.current().pid());
                KafkaProducer<String, String> dlt = kafka.producer(groupId + "-dlt")) {
            consumer = c;
            deadLetters = dlt;
            Set<String> topics = handlers.keySet();
            generation = currentGeneration();
            c.subscribe(topics, new GenerationTracker(c));
            while (running.get()) {
                try {
                    ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                    long latest = currentGeneration();
                    Set<TopicPartition> rewound = Set.of();
                    if (latest != generation) {
                        try {
                            rewound = replayOutdated(c, c.assignment(), latest);
                            generation = latest;
                        } catch (RuntimeException e) {
                            // Nothing polled is lost, and the replay is tried again on the next loop.
                            records.partitions().forEach(p -> seekIfAssigned(c, p, records.records(p).get(0).offset()));
                            throw e;
                        }
                    }
                    Map<String, Map<TopicPartition, List<ConsumerRecord<String, String>>>> byTopic = new HashMap<>();
                    for (TopicPartition partition : records.partitions()) {
                        if (!rewound.contains(partition)) {
                            byTopic.computeIfAbsent(partition.topic(), t -> new HashMap<>()).put(partition, records.records(partition));
                        }
                    }
                    byTopic.forEach((topic, partitions) -> processTopic(c, topic, partitions));
                    lag.set(c.assignment().stream().map(c::currentLag).filter(OptionalLong::isPresent)
                            .mapToLong(OptionalLong::getAsLong).sum());
                } catch (WakeupException e) {
                    break;
                } catch (RuntimeException e) {
                    // A failed commit or a rebalance: what was not committed is delivered again, and handlers are idempotent.
                    LOG.warnf("Consumer loop error, continuing: %s", e.toString());
                    sleep(config.consumer().retryBackoff());
                }
            }
        } finally {
            consumer = null;
        }
    }

    private long currentGeneration() {
        return replay.isResolvable() ? replay.get().refresh() : 0;
    }

    /** Rewinds the partitions whose position belongs to an older generation, and records that they now replay. */
    private Set<TopicPartition> replayOutdated(KafkaConsumer<String, String> c, Collection<TopicPartition> partitions,
            long target) {
        Set<TopicPartition> outdated = partitions.stream()
                .filter(p -> partitionGenerations.getOrDefault(p, 0L) < target).collect(Collectors.toSet());
        if (outdated.isEmpty()) {
            return outdated;
        }
        Map<TopicPartition, Long> beginnings = c.beginningOffsets(outdated);
        c.seekToBeginning(outdated);
        c.commitSync(beginnings.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new OffsetAndMetadata(e.getValue(), Long.toString(target)))));
        outdated.forEach(p -> partitionGenerations.put(p, target));
        LOG.infof("Replaying %s from the beginning for generation %d", outdated, target);
        return outdated;
    }

    /** Learns from the committed offsets which generation each newly assigned partition belongs to. */
    private final class GenerationTracker implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, String> c;

        GenerationTracker(KafkaConsumer<String, String> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            c.committed(Set.copyOf(partitions)).forEach((partition, committed) -> partitionGenerations.put(partition,
                    committed == null ? 0L : parseGeneration(committed.metadata())));
            replayOutdated(c, partitions, generation);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(partitionGenerations::remove);
        }

        private long parseGeneration(String metadata) {
            try {
                return metadata == null || metadata.isEmpty() ? 0 : Long.parseLong(metadata);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    /**
     * Hands what one poll returned for a topic to its handler as one batch (each partition's records in order) and
     * commits once after the handler returned. A record that is not a domain event is dead-lettered; if the handler
     * finds a poison message in the batch, the batch is applied again one record at a time (handlers are idempotent)
     * to dead-letter just that one. A transient failure rewinds every partition to its first record of the batch
     * and retries after a backoff.
     */
    private void processTopic(KafkaConsumer<String, String> c, String topic,
            Map<TopicPartition, List<ConsumerRecord<String, String>>> partitions) {
        if (!running.get()) {
            return;
        }
        DomainEventHandler handler = handlers.get(topic);
        List<DomainEvent> events = new ArrayList<>();
        List<ConsumerRecord<String, String>> parsed = new ArrayList<>();
        try {
            for (List<ConsumerRecord<String, String>> records : partitions.values()) {
                for (ConsumerRecord<String, String> record : records) {
                    try {
                        events.add(parse(record));
                        parsed.add(record);
                    } catch (PoisonMessageException e) {
                        deadLetter(record, e.getMessage());
                    }
                }
            }
            try {
                handler.handleAll(events);
            } catch (PoisonMessageException e) {
                for (int i = 0; i < events.size(); i++) {
                    try {
                        handler.handle(events.get(i));
                    } catch (PoisonMessageException poison) {
                        deadLetter(parsed.get(i), poison.getMessage());
                    }
                }
            }
        } catch (RuntimeException e) {
            retried.increment();
            LOG.warnf("Handling a batch of %s failed, retrying: %s", topic, e.toString());
            partitions.forEach((partition, records) -> seekIfAssigned(c, partition, records.get(0).offset()));
            sleep(config.consumer().retryBackoff());
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((partition, records) -> offsets.put(partition,
                new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1, Long.toString(generation))));
        try {
            c.commitSync(offsets);
        } catch (RuntimeException e) {
            // Applied but not committed: delivered again from the first record, and handlers are idempotent.
            LOG.warnf("Committing a batch of %s failed, it will be delivered again: %s", topic, e.toString());
            partitions.forEach((partition, records) -> seekIfAssigned(c, partition, records.get(0).offset()));
            return;
        }
        applied.increment(events.size());
        Instant now = Clocks.now();
        for (DomainEvent event : events) {
            if (event.occurredAt() != null) {
                lastAppliedEventMillis.accumulateAndGet(event.occurredAt().toEpochMilli(), Math::max);
                Duration delay = Duration.between(event.occurredAt(), now);
                applyDelay.record(delay.isNegative() ? Duration.ZERO : delay);
            }
        }
    }

    /** After a rebalance a partition may be gone; its next owner starts from the committed offset anyway. */
    private static void seekIfAssigned(KafkaConsumer<String, String> c, TopicPartition partition, long offset) {
        if (c.assignment().contains(partition)) {
            c.seek(partition, offset);
        }
    }

    private DomainEvent parse(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new PoisonMessageException("Empty message");
        }
        DomainEvent event = DomainEvent.fromJson(record.value());
        if (!AggregateType.forTopic(record.topic()).wireName().equals(event.aggregateType())) {
            throw new PoisonMessageException("A " + event.aggregateType() + " event on topic " + record.topic());
        }
        return event;
    }

    private void deadLetter(ConsumerRecord<String, String> record, String reason) {
        ProducerRecord<String, String> dead = new ProducerRecord<>(
                AggregateType.forTopic(record.topic()).deadLetterTopic(), record.key(), record.value());
        dead.headers().add(DLT_REASON, String.valueOf(reason).getBytes(StandardCharsets.UTF_8));
        dead.headers().add(DLT_ORIGIN, (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters.send(dead).get(config.outbox().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write to the dead-letter topic", e);
        }
        deadLettered.increment();
        LOG.warnf("Dead-lettered %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
