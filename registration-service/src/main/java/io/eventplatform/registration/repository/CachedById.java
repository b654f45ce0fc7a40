package io.eventplatform.registration.repository;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.bson.types.ObjectId;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;

import io.eventplatform.common.mongo.ConditionalUpdates;
import io.eventplatform.common.mongo.UniqueInserts;

/**
 * Small versioned documents read by id through a cache that keeps each one for a while: a write through this replica
 * clears its entry at once, a write through another replica shows once the entry expires.
 */
final class CachedById<T> {

    private final Cache<ObjectId, Optional<T>> recent;
    private final Function<ObjectId, Optional<T>> read;

    CachedById(Duration kept, Function<ObjectId, Optional<T>> read) {
        this.recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(kept).build();
        this.read = read;
    }

    Optional<T> get(ObjectId id) {
        return recent.get(id, read);
    }

    /** As stored now. */
    Optional<T> fresh(ObjectId id) {
        recent.invalidate(id);
        return get(id);
    }

    /** False when a unique index already holds the document's key. */
    boolean insertIfAbsent(MongoCollection<T> collection, ObjectId id, T document) {
        boolean inserted = UniqueInserts.insertIfAbsent(collection, document);
        recent.invalidate(id);
        return inserted;
    }

    /** Replaces the document if it is still at {@code expectedVersion}; false when another change came first. */
    boolean saveIfUnchanged(MongoCollection<T> collection, ObjectId id, T document, long expectedVersion) {
        boolean saved = collection.replaceOne(ConditionalUpdates.atVersion(id, "version", expectedVersion), document)
                .getMatchedCount() == 1;
        recent.invalidate(id);
        return saved;
    }

    void forget(ObjectId id) {
        recent.invalidate(id);
    }
}
