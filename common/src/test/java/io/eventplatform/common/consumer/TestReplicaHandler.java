package io.eventplatform.common.consumer;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;

import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.events.PoisonMessageException;

/**
 * A replica of the test aggregates: counts how often a snapshot was really applied, so a duplicate or a stale
 * version that changed something would show. Snapshots can be poison, fail deterministically until their aggregate
 * is {@link #FIXED} ({@code "fail": true}), or be held back: a held aggregate is written to a store that is down.
 */
@ApplicationScoped
public class TestReplicaHandler implements DomainEventHandler {

    static final Set<String> HELD = ConcurrentHashMap.newKeySet();
    static final Set<String> FIXED = ConcurrentHashMap.newKeySet();
    /** Nothing listens there: the driver fails as it does when the store is down. */
    private static final MongoClient STORE_DOWN = MongoClients.create(
            "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100&connectTimeoutMS=100");
    static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    private final MongoCollection<Document> replica;

    public TestReplicaHandler(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.replica = mongo.getDatabase(database).getCollection("test_replica");
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.TEMPLATE;
    }

    @Override
    public void handle(DomainEvent event) {
        ATTEMPTS.computeIfAbsent(event.aggregateId(), id -> new AtomicInteger()).incrementAndGet();
        if (event.data().path("poison").asBoolean()) {
            throw new PoisonMessageException("test snapshot marked as poison");
        }
        if (event.data().path("fail").asBoolean() && !FIXED.contains(event.aggregateId())) {
            throw new ArithmeticException("Overflow (test)");
        }
        if (HELD.contains(event.aggregateId())) {
            STORE_DOWN.getDatabase("down").getCollection("test_replica").find(new Document("_id", event.aggregateId())).first();
        }
        VersionedWrites.applyIfNewer(replica, event.aggregateId(), event.aggregateVersion(),
                Updates.combine(Updates.set("name", event.data().path("name").asText()), Updates.inc("applied_count", 1)));
    }

    public Document stored(String id) {
        return replica.find(new Document("_id", id)).first();
    }
}
