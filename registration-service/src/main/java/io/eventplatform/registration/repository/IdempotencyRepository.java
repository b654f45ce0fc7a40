package io.eventplatform.registration.repository;

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

import io.eventplatform.common.mongo.UniqueInserts;
import io.quarkus.runtime.StartupEvent;

/**
 * {@code Idempotency-Key}s: the first request with a key claims it (a unique insert), stores its response, and every
 * later request with the same key from the same caller within 24 hours gets that response back.
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

    /** True when this request now owns the key; false when another request claimed it first. */
    public boolean claim(String key, Instant now) {
        return UniqueInserts.insertIfAbsent(keys, new Document("_id", key).append("created_at", Date.from(now)));
    }

    public void complete(String key, int status, String body) {
        keys.updateOne(Filters.eq("_id", key), Updates.combine(Updates.set("status", status), Updates.set("body", body)));
    }

    /** Frees a key whose request failed unexpectedly, so the client can retry it. */
    public void release(String key) {
        keys.deleteOne(Filters.eq("_id", key));
    }

    /** The stored response of a claimed key; empty while the first request is still running. */
    public Optional<Document> response(String key) {
        return Optional.ofNullable(keys.find(Filters.and(Filters.eq("_id", key), Filters.exists("status"))).first());
    }

    public boolean expired(String key, Instant before) {
        Document found = keys.find(Filters.eq("_id", key)).first();
        return found != null && found.getDate("created_at").toInstant().isBefore(before);
    }
}
