package io.eventplatform.common.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Feeds the service's {@link DomainEventHandler}s from Kafka, at least once: a record's offset is committed only
 * after its handler returned (its effect is stored). A transient failure rewinds to the failed record and retries
 * after a backoff; a poison message goes to the topic's dead-letter topic with the reason and the partition moves on.
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
    private volatile KafkaConsumer<String, String> consumer;
    private volatile KafkaProducer<String, String> deadLetters;
    private Thread thread;

    public DomainEventConsumer(Instance<DomainEventHandler> handlers, KafkaClients kafka, PlatformConfig config,
            @ConfigProperty(name = "quarkus.application.name") String applicationName, MeterRegistry metrics) {
        this.handlers = handlers.stream().collect(Collectors.toMap(h -> h.aggregateType().topic(), h -> h));
        this.kafka = kafka;
        this.config = config;
        this.groupId = config.consumer().groupId().orElse(applicationName);
        this.applied = metrics.counter("consumer.records.applied");
        this.deadLettered = metrics.counter("consumer.records.dead_lettered");
        this.retried = metrics.counter("consumer.records.retried");
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
            c.subscribe(topics);
            while (running.get()) {
                try {
                    ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                    for (TopicPartition partition : records.partitions()) {
                        processPartition(c, partition, records.records(partition));
                    }
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

    /**
     * Handles a partition's records in order and commits once, after the last one whose effect is stored; a
     * transient failure commits what was done, rewinds to the failed record and retries it after a backoff.
     */
    private void processPartition(KafkaConsumer<String, String> c, TopicPartition partition,
            List<ConsumerRecord<String, String>> records) {
        long nextOffset = -1;
        try {
            for (ConsumerRecord<String, String> record : records) {
                if (!running.get()) {
                    return;
                }
                try {
                    try {
                        process(record);
                    } catch (PoisonMessageException e) {
                        deadLetter(record, e.getMessage());
                    }
                } catch (RuntimeException e) {
                    retried.increment();
                    LOG.warnf("Handling %s-%d@%d failed, retrying: %s", record.topic(), record.partition(),
                            record.offset(), e.toString());
                    c.seek(partition, record.offset());
                    sleep(config.consumer().retryBackoff());
                    return;
                }
                nextOffset = record.offset() + 1;
            }
        } finally {
            if (nextOffset >= 0) {
                c.commitSync(Map.of(partition, new OffsetAndMetadata(nextOffset)));
            }
        }
    }

    private void process(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new PoisonMessageException("Empty message");
        }
        DomainEvent event = DomainEvent.fromJson(record.value());
        DomainEventHandler handler = handlers.get(record.topic());
        if (!AggregateType.forTopic(record.topic()).wireName().equals(event.aggregateType())) {
            throw new PoisonMessageException("A " + event.aggregateType() + " event on topic " + record.topic());
        }
        handler.handle(event);
        applied.increment();
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
