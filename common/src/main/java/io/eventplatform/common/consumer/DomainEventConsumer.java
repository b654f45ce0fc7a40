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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.consumer.CloseOptions;
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
 * after its handler returned (its effect is stored). What one poll returns for a topic is handed over as one batch;
 * a batch that fails is applied again one record at a time (handlers are idempotent), which isolates the failing
 * record, and what comes before it is committed. Then, with retries bounded:
 * <ul>
 * <li>a poison message ({@link PoisonMessageException}, or not a domain event at all) goes to the dead-letter topic
 * at once;</li>
 * <li>a transient failure ({@link TransientFailures}: the store is down) is tried again every {@code retry-backoff}
 * for as long as it lasts, without committing and without dead-lettering;</li>
 * <li>any other failure is tried again after a backoff that doubles (up to {@code max-retry-backoff}); after
 * {@code max-attempts} failures in a row the record goes to the dead-letter topic.</li>
 * </ul>
 * A dead letter keeps the record's key and value, with the reason, exception, attempts, origin and consumer group in
 * its headers ({@code dlt.*}), and is counted ({@code consumer.records.dead_lettered}) and logged; the partition moves
 * on, and {@link DeadLetterRedrive} can send it back. A partition waiting to retry is paused, so the others keep
 * flowing. With a {@link ReplayGeneration}, a raised generation replays every partition from the beginning.
 * Metrics: {@code consumer.lag} (records not yet applied), {@code consumer.last.event.age} (seconds since the last
 * applied event happened) and {@code consumer.apply.delay} (from an event happening to its being applied).
 */
@ApplicationScoped
public class DomainEventConsumer {

    public static final String DLT_REASON = "dlt.reason";
    public static final String DLT_ORIGIN = "dlt.origin";
    public static final String DLT_EXCEPTION = "dlt.exception";
    public static final String DLT_ATTEMPTS = "dlt.attempts";
    public static final String DLT_GROUP = "dlt.group";
    private static final int MAX_REASON_LENGTH = 1000;
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
    /**
     * The consumer thread's own: the record each partition keeps failing on (kept across rebalances, so that a record
     * still reaches max-attempts while its partition moves back and forth), and when paused partitions resume.
     */
    private final Map<TopicPartition, FailingRecord> failing = new HashMap<>();
    private final Map<TopicPartition, Long> pausedUntilNanos = new HashMap<>();
    private volatile long generation;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile KafkaProducer<String, String> deadLetters;
    private Thread thread;

    private record FailingRecord(long offset, int attempts) {
    }

    /** A record as polled, and either its domain event or why it is not one. */
    private record Delivery(ConsumerRecord<String, String> record, DomainEvent event, PoisonMessageException unreadable) {
    }

    /** The dead-letter topic cannot be written right now: the record stays where it is and is tried again. */
    private static final class DeadLetterUnavailable extends RuntimeException {
        DeadLetterUnavailable(Exception cause) {
            super("Cannot write to the dead-letter topic: " + cause, cause);
        }
    }

    public DomainEventConsumer(Instance<DomainEventHandler> handlers, KafkaClients kafka, PlatformConfig config,
            @ConfigProperty(name = "quarkus.application.name") String applicationName, MeterRegistry metrics,
            Instance<ReplayGeneration> replay) {
        this.handlers = handlers.stream().collect(Collectors.toMap(h -> h.aggregateType().topic(), h -> h,
                DomainEventHandler::andThen));
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
        failing.clear();
        pausedUntilNanos.clear();
        KafkaConsumer<String, String> c = kafka.consumer(groupId, groupId + "-" + ProcessHandle.current().pid());
        try (KafkaProducer<String, String> dlt = kafka.producer(groupId + "-dlt")) {
            consumer = c;
            deadLetters = dlt;
            Set<String> topics = handlers.keySet();
            generation = currentGeneration();
            c.subscribe(topics, new GenerationTracker(c));
            while (running.get()) {
                try {
                    resumeDue(c);
                    ConsumerRecords<String, String> records = c.poll(pollTimeout());
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
            // A deliberate stop leaves the group, also as a static member, so that the partitions move at once.
            c.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        }
    }

    /** Resumes the partitions whose wait before a retry is over. */
    private void resumeDue(KafkaConsumer<String, String> c) {
        long now = System.nanoTime();
        List<TopicPartition> due = pausedUntilNanos.entrySet().stream().filter(e -> e.getValue() - now <= 0)
                .map(Map.Entry::getKey).toList();
        due.forEach(pausedUntilNanos::remove);
        c.resume(due.stream().filter(c.assignment()::contains).toList());
    }

    /** Polls until the next paused partition is due, at most half a second. */
    private Duration pollTimeout() {
        long now = System.nanoTime();
        long untilNextResume = pausedUntilNanos.values().stream().mapToLong(at -> at - now).min().orElse(Long.MAX_VALUE);
        return Duration.ofNanos(Math.max(0, Math.min(untilNextResume, TimeUnit.MILLISECONDS.toNanos(500))));
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
        failing.keySet().removeAll(outdated);
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
            partitions.forEach(partition -> {
                partitionGenerations.remove(partition);
                pausedUntilNanos.remove(partition);
            });
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
     * commits once after the handler returned. If the batch fails transiently, every partition goes back to its first
     * record of the batch and waits; if it fails otherwise, or holds a record that is not a domain event, it is
     * applied one record at a time.
     */
    private void processTopic(KafkaConsumer<String, String> c, String topic,
            Map<TopicPartition, List<ConsumerRecord<String, String>>> partitions) {
        if (!running.get()) {
            return;
        }
        DomainEventHandler handler = handlers.get(topic);
        Map<TopicPartition, List<Delivery>> deliveries = new HashMap<>();
        partitions.forEach((partition, records) -> deliveries.put(partition, records.stream().map(this::read).toList()));
        List<DomainEvent> events = deliveries.values().stream().flatMap(List::stream).map(Delivery::event).toList();
        if (events.contains(null)) {
            applyOneByOne(c, topic, handler, deliveries);
            return;
        }
        try {
            handler.handleAll(events);
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                retried.increment();
                LOG.warnf("Handling a batch of %s failed transiently, retrying in %s: %s", topic,
                        config.consumer().retryBackoff(), e.toString());
                partitions.forEach((partition, records) ->
                        retryLater(c, partition, records.get(0).offset(), config.consumer().retryBackoff()));
            } else {
                LOG.debugf("A batch of %s failed, applying it one record at a time: %s", topic, e);
                applyOneByOne(c, topic, handler, deliveries);
            }
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((partition, records) -> offsets.put(partition, next(records.get(records.size() - 1))));
        failing.keySet().removeAll(partitions.keySet());
        commit(c, topic, offsets, partitions, events);
    }

    /**
     * Applies each partition's records in order until one fails and is to be tried again: that partition waits there,
     * the others go on. What was applied or dead-lettered is committed.
     */
    private void applyOneByOne(KafkaConsumer<String, String> c, String topic, DomainEventHandler handler,
            Map<TopicPartition, List<Delivery>> deliveries) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, List<ConsumerRecord<String, String>>> partitions = new HashMap<>();
        List<DomainEvent> events = new ArrayList<>();
        for (Map.Entry<TopicPartition, List<Delivery>> entry : deliveries.entrySet()) {
            TopicPartition partition = entry.getKey();
            partitions.put(partition, entry.getValue().stream().map(Delivery::record).toList());
            for (Delivery delivery : entry.getValue()) {
                try {
                    if (delivery.unreadable() != null) {
                        throw delivery.unreadable();
                    }
                    handler.handle(delivery.event());
                    events.add(delivery.event());
                    long offset = delivery.record().offset();
                    failing.computeIfPresent(partition, (p, f) -> f.offset() == offset ? null : f);
                } catch (RuntimeException e) {
                    if (!deadLetterOrRetry(c, partition, delivery.record(), e)) {
                        break;
                    }
                }
                offsets.put(partition, next(delivery.record()));
            }
        }
        commit(c, topic, offsets, partitions, events);
    }

    /**
     * Decides what becomes of a record that failed: true when it went to the dead-letter topic (the partition moves
     * on), false when its partition goes back to it and waits before trying again.
     */
    private boolean deadLetterOrRetry(KafkaConsumer<String, String> c, TopicPartition partition,
            ConsumerRecord<String, String> record, RuntimeException failure) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        Duration retryBackoff = config.consumer().retryBackoff();
        if (TransientFailures.isTransient(failure)) {
            retried.increment();
            LOG.warnf("%s failed transiently, retrying in %s: %s", where, retryBackoff, failure.toString());
            retryLater(c, partition, record.offset(), retryBackoff);
            return false;
        }
        FailingRecord previous = failing.get(partition);
        int attempts = previous != null && previous.offset() == record.offset() ? previous.attempts() + 1 : 1;
        int maxAttempts = config.consumer().maxAttempts();
        if (!(failure instanceof PoisonMessageException) && attempts < maxAttempts) {
            failing.put(partition, new FailingRecord(record.offset(), attempts));
            Duration backoff = backoff(attempts);
            retried.increment();
            LOG.warnf("%s failed (attempt %d of %d), retrying in %s: %s", where, attempts, maxAttempts, backoff,
                    failure.toString());
            retryLater(c, partition, record.offset(), backoff);
            return false;
        }
        try {
            deadLetter(record, failure, attempts);
        } catch (DeadLetterUnavailable e) {
            retried.increment();
            LOG.warnf("%s cannot be dead-lettered yet, retrying in %s: %s", where, retryBackoff, e.getMessage());
            failing.put(partition, new FailingRecord(record.offset(), attempts - 1));
            retryLater(c, partition, record.offset(), retryBackoff);
            return false;
        }
        failing.remove(partition);
        return true;
    }

    /** {@code retry-backoff} doubled with each failed attempt, at most {@code max-retry-backoff}. */
    private Duration backoff(int attempts) {
        Duration backoff = config.consumer().retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 30));
        Duration cap = config.consumer().maxRetryBackoff();
        return backoff.compareTo(cap) > 0 ? cap : backoff;
    }

    /** Goes back to {@code offset} and pauses the partition for {@code backoff}; the other partitions go on. */
    private void retryLater(KafkaConsumer<String, String> c, TopicPartition partition, long offset, Duration backoff) {
        if (c.assignment().contains(partition)) {
            c.seek(partition, offset);
            c.pause(List.of(partition));
            pausedUntilNanos.put(partition, System.nanoTime() + backoff.toNanos());
        }
    }

    private OffsetAndMetadata next(ConsumerRecord<String, String> record) {
        return new OffsetAndMetadata(record.offset() + 1, Long.toString(generation));
    }

    private void commit(KafkaConsumer<String, String> c, String topic, Map<TopicPartition, OffsetAndMetadata> offsets,
            Map<TopicPartition, List<ConsumerRecord<String, String>>> partitions, List<DomainEvent> events) {
        if (!offsets.isEmpty()) {
            try {
                c.commitSync(offsets);
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                // Applied but not committed: delivered again from the first record, and handlers are idempotent.
                LOG.warnf("Committing a batch of %s failed, it will be delivered again: %s", topic, e.toString());
                offsets.keySet().forEach(partition -> seekIfAssigned(c, partition, partitions.get(partition).get(0).offset()));
                return;
            }
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

    private Delivery read(ConsumerRecord<String, String> record) {
        try {
            if (record.value() == null) {
                throw new PoisonMessageException("Empty message");
            }
            DomainEvent event = DomainEvent.fromJson(record.value());
            if (!AggregateType.forTopic(record.topic()).wireName().equals(event.aggregateType())) {
                throw new PoisonMessageException("A " + event.aggregateType() + " event on topic " + record.topic());
            }
            return new Delivery(record, event, null);
        } catch (PoisonMessageException e) {
            return new Delivery(record, null, e);
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, RuntimeException failure, int attempts) {
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (reason.length() > MAX_REASON_LENGTH) {
            reason = reason.substring(0, MAX_REASON_LENGTH) + "…";
        }
        String origin = record.topic() + "-" + record.partition() + "@" + record.offset();
        ProducerRecord<String, String> dead = new ProducerRecord<>(
                AggregateType.forTopic(record.topic()).deadLetterTopic(), record.key(), record.value());
        header(dead, DLT_REASON, reason);
        header(dead, DLT_EXCEPTION, failure.getClass().getName());
        header(dead, DLT_ATTEMPTS, Integer.toString(attempts));
        header(dead, DLT_ORIGIN, origin);
        header(dead, DLT_GROUP, groupId);
        try {
            deadLetters.send(dead).get(config.outbox().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterUnavailable(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new DeadLetterUnavailable(e);
        }
        deadLettered.increment();
        LOG.warnf("Dead-lettered %s after %d attempt(s): %s: %s", origin, attempts, failure.getClass().getName(), reason);
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
