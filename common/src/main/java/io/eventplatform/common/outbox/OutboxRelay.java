package io.eventplatform.common.outbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;

import io.eventplatform.common.kafka.KafkaClients;
import io.eventplatform.common.kafka.PlatformConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * Publishes the events waiting in aggregate documents' {@code outbox} arrays, then removes exactly the entries that
 * Kafka acknowledged. A write nudges the relay with the document it touched, and the nudges of one batch window
 * ({@code eventplatform.outbox.batch-window}, 25 ms) are published together, so the usual delay is that window; a
 * periodic sweep finds whatever a nudge missed (a crash between publish and removal, or Kafka being down), so an
 * entry is published at least once and consumers drop the duplicates. The sweep reads whole collections, so it runs
 * in full only when something may have been missed: at start, after a failure, and otherwise every
 * {@code full-sweep-interval}.
 */
@Startup
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final MongoClient mongo;
    private final String database;
    private final PlatformConfig config;
    private final KafkaClients kafka;
    private final KafkaProducer<String, String> producer;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outbox-relay"));
    private final ConcurrentLinkedQueue<Nudge> nudges = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sweepRequested = new AtomicBoolean();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Set at start and by every failure: the next tick sweeps in full. */
    private final AtomicBoolean fullSweepDue = new AtomicBoolean(true);
    private volatile long lastFullSweepMillis;
    private final Counter published;
    private final Counter batches;
    private final Counter failures;

    public OutboxRelay(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            PlatformConfig config, KafkaClients kafka, MeterRegistry metrics) {
        this.mongo = mongo;
        this.database = database;
        this.config = config;
        this.kafka = kafka;
        this.producer = kafka.producer("outbox-relay-" + database);
        this.published = metrics.counter("outbox.published");
        this.batches = metrics.counter("outbox.batches");
        this.failures = metrics.counter("outbox.publish.failures");
    }

    /** Asks for the outbox of one document to be published now. Never blocks the caller. */
    public void nudge(String collection, Object id) {
        nudges.add(new Nudge(collection, id));
        scheduleDrain();
    }

    @Scheduled(every = "${eventplatform.outbox.sweep-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (fullSweepDue.get() || System.currentTimeMillis() - lastFullSweepMillis >= config.outbox().fullSweepInterval().toMillis()) {
            sweepRequested.set(true);
            scheduleDrain();
        }
    }

    /** Publishes everything pending in every outbox collection; for tests and the sweep. Returns entries published. */
    public int drainAll() {
        if (!kafka.ensureTopics()) {
            fullSweepDue.set(true);
            return 0;
        }
        fullSweepDue.set(false);
        lastFullSweepMillis = System.currentTimeMillis();
        int count = 0;
        for (String collectionName : collections()) {
            MongoCollection<Document> collection = collection(collectionName);
            List<Document> pending;
            do {
                pending = collection.find(Filters.exists(OutboxEntry.FIELD + ".0"))
                        .projection(Projections.include(OutboxEntry.FIELD))
                        .limit(config.outbox().batchSize()).into(new ArrayList<>());
                int publishedNow = publish(collection, pending);
                count += publishedNow;
                if (publishedNow == 0) {
                    break;
                }
            } while (pending.size() == config.outbox().batchSize());
        }
        return count;
    }

    private void scheduleDrain() {
        scheduleDrain(config.outbox().batchWindow().toMillis());
    }

    private void scheduleDrain(long delayMillis) {
        if (!worker.isShutdown() && drainScheduled.compareAndSet(false, true)) {
            try {
                worker.schedule(this::drainRequested, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // Shutting down: what is left in the outboxes is published by the next start's sweep.
                drainScheduled.set(false);
            }
        }
    }

    /** Nudges arriving together are published together: one read and one removal per batch, not per write. */
    private void drainRequested() {
        drainScheduled.set(false);
        try {
            if (!kafka.ensureTopics()) {
                fullSweepDue.set(true);
                return;
            }
            Map<String, List<Object>> batch = new HashMap<>();
            Nudge nudge;
            int taken = 0;
            while (taken < config.outbox().batchSize() && (nudge = nudges.poll()) != null) {
                batch.computeIfAbsent(nudge.collection(), c -> new ArrayList<>()).add(nudge.id());
                taken++;
            }
            if (taken > 0) {
                batches.increment();
            }
            batch.forEach((collectionName, ids) -> {
                MongoCollection<Document> collection = collection(collectionName);
                publish(collection, collection.find(Filters.in("_id", ids))
                        .projection(Projections.include(OutboxEntry.FIELD)).into(new ArrayList<>()));
            });
            if (!nudges.isEmpty()) {
                scheduleDrain(0);
            }
            if (sweepRequested.getAndSet(false)) {
                drainAll();
            }
        } catch (RuntimeException e) {
            failures.increment();
            fullSweepDue.set(true);
            LOG.warnf("Outbox relay could not publish (will retry on the next sweep): %s", e.getMessage());
        }
    }

    /**
     * Sends every entry of the documents (keyed by aggregate, so each aggregate's order holds), waits for Kafka's
     * acknowledgements, then removes exactly the acknowledged entries in one update.
     */
    private int publish(MongoCollection<Document> collection, List<Document> documents) {
        List<Document> entries = new ArrayList<>();
        List<Object> documentIds = new ArrayList<>();
        for (Document document : documents) {
            List<Document> outbox = document.getList(OutboxEntry.FIELD, Document.class, List.of());
            if (!outbox.isEmpty()) {
                entries.addAll(outbox);
                documentIds.add(document.get("_id"));
            }
        }
        if (entries.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(entries.size());
        for (Document entry : entries) {
            sends.add(producer.send(new ProducerRecord<>(entry.getString("topic"), entry.getString("key"),
                    entry.getString("payload"))));
        }
        List<String> acknowledged = new ArrayList<>(entries.size());
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(config.outbox().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.add(entries.get(i).getString("event_id"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                failures.increment();
                fullSweepDue.set(true);
                LOG.warnf("Publishing %s failed, kept for the next sweep: %s", entries.get(i).getString("event_id"),
                        e.getMessage());
            }
        }
        if (!acknowledged.isEmpty()) {
            collection.updateMany(Filters.in("_id", documentIds),
                    Updates.pullByFilter(new Document(OutboxEntry.FIELD,
                            new Document("event_id", new Document("$in", acknowledged)))));
            published.increment(acknowledged.size());
        }
        return acknowledged.size();
    }

    private List<String> collections() {
        return config.outbox().collections().orElse(List.of());
    }

    private MongoCollection<Document> collection(String name) {
        return mongo.getDatabase(database).getCollection(name);
    }

    @PreDestroy
    void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(java.time.Duration.ofSeconds(5));
    }

    private record Nudge(String collection, Object id) {
    }
}
