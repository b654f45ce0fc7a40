package io.eventplatform.registration.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import io.eventplatform.common.mongo.ConditionalUpdates;
import io.eventplatform.common.mongo.UniqueInserts;
import io.quarkus.runtime.StartupEvent;

/**
 * {@code Idempotency-Key}s. The first request with a key claims it for a short lease, then stores its response; a
 * later request with the key gets that response. A claim whose request died (no response when its lease ran out)
 * can be taken over, and a request only ever releases its own claim.
 */
@ApplicationScoped
public class IdempotencyRepository {

    private final MongoCollection<Document> keys;

    public IdempotencyRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.keys = mongo.getDatabase(database).getCollection("idempotency_keys");
    }

    void createIndexes(@Observes StartupEvent startup) {
        keys.createIndex(Indexes.ascending("created_at"), new IndexOptions().expireAfter(24L, TimeUnit.HOURS));
    }

    /** True when {@code owner} now holds the key: it was free, or its earlier claim lapsed without a response. */
    public boolean claim(String key, String owner, Instant now, Duration lease) {
        Date until = Date.from(now.plus(lease));
        if (UniqueInserts.insertIfAbsent(keys, new Document("_id", key).append("owner", owner)
                .append("created_at", Date.from(now)).append("lease_until", until))) {
            return true;
        }
        return ConditionalUpdates.updateOne(keys, Filters.and(Filters.eq("_id", key), Filters.exists("status", false),
                        Filters.lt("lease_until", Date.from(now))),
                Updates.combine(Updates.set("owner", owner), Updates.set("created_at", Date.from(now)),
                        Updates.set("lease_until", until)));
    }

    public void complete(String key, String owner, int status, String body) {
        ConditionalUpdates.updateOne(keys, Filters.and(Filters.eq("_id", key), Filters.eq("owner", owner)),
                Updates.combine(Updates.set("status", status), Updates.set("body", body)));
    }

    /** Frees the key for a retry after this owner's request failed; another owner's claim is left alone. */
    public void release(String key, String owner) {
        ConditionalUpdates.deleteOne(keys, Filters.and(Filters.eq("_id", key), Filters.eq("owner", owner), Filters.exists("status", false)));
    }

    /** The stored response of a claimed key; empty while the first request is still running. */
    public Optional<Document> response(String key) {
        return Optional.ofNullable(keys.find(Filters.and(Filters.eq("_id", key), Filters.exists("status"))).first());
    }

    /** Forgets a response older than {@code before} (the store's TTL index may not have run yet). */
    public void forgetOlderThan(String key, Instant before) {
        ConditionalUpdates.deleteOne(keys, Filters.and(Filters.eq("_id", key), Filters.lt("created_at", Date.from(before))));
    }
}
