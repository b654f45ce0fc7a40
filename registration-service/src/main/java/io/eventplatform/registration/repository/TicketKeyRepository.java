package io.eventplatform.registration.repository;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.types.ObjectId;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.eventplatform.common.mongo.ConditionalUpdates;
import io.eventplatform.registration.domain.TicketKeys;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;

/**
 * Each event's ticket keys. Keys are only ever added, so a cached copy is right about every key it has: a ticket
 * naming a key it lacks makes the caller read again ({@link #fresh}).
 */
@ApplicationScoped
public class TicketKeyRepository implements PanacheMongoRepositoryBase<TicketKeys, ObjectId> {

    private final CachedById<TicketKeys> recent = new CachedById<>(Duration.ofMinutes(1), this::findByIdOptional);
    private final Cache<ObjectId, Boolean> reread = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(1)).build();

    void createIndexes(@Observes StartupEvent startup) {
        ConditionalUpdates.indexVersions(mongoCollection(), "version");
    }

    public Optional<TicketKeys> cached(ObjectId eventId) {
        return recent.get(eventId);
    }

    public Optional<TicketKeys> fresh(ObjectId eventId) {
        return recent.fresh(eventId);
    }

    /**
     * For a ticket naming a key the cached copy lacks: the stored keys, read again at most once a second per event, so
     * tickets with made-up key ids cannot turn every scan into a store read.
     */
    public Optional<TicketKeys> reread(ObjectId eventId) {
        return reread.asMap().putIfAbsent(eventId, Boolean.TRUE) == null ? fresh(eventId) : cached(eventId);
    }

    /** False when the event has keys already (another request made them first). */
    public boolean insertIfAbsent(TicketKeys keys) {
        return recent.insertIfAbsent(mongoCollection(), keys.id, keys);
    }

    public boolean saveIfUnchanged(TicketKeys keys, long expectedVersion) {
        return recent.saveIfUnchanged(mongoCollection(), keys.id, keys, expectedVersion);
    }
}
