package io.eventplatform.registration.repository;

import java.util.Optional;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import io.eventplatform.common.consumer.VersionedWrites;
import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.json.JsonConventions;
import io.eventplatform.common.mongo.ById;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.runtime.StartupEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * registration-service's copy of event-service's events and ticket types: the snapshots the rules need. Reads are
 * kept a moment (caches {@code catalog-events} and {@code catalog-ticket-types}, bounded and expiring, see
 * application.properties) for the hot paths. Every apply drops the entry it touches, also when the store already had
 * that version: another replica of this service may have written it, while this one still remembers "not there".
 */
@ApplicationScoped
public class CatalogRepository {

    private static final ObjectMapper JSON = JsonConventions.newMapper();

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> ticketTypes;
    private final Cache eventCache;
    private final Cache ticketTypeCache;

    public CatalogRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            @CacheName("catalog-events") Cache eventCache, @CacheName("catalog-ticket-types") Cache ticketTypeCache) {
        this.events = mongo.getDatabase(database).getCollection("event_replica");
        this.ticketTypes = mongo.getDatabase(database).getCollection("ticket_type_replica");
        this.eventCache = eventCache;
        this.ticketTypeCache = ticketTypeCache;
    }

    void createIndexes(@Observes StartupEvent startup) {
        ticketTypes.createIndex(Indexes.ascending("event_id"));
    }

    public boolean applyEvent(EventSnapshot event, long version) {
        boolean applied = VersionedWrites.applyIfNewer(events, event.id(), version, Updates.combine(
                Updates.set("snapshot", Document.parse(toJson(event))),
                Updates.set("deleted", event.deletedAt() != null)));
        eventCache.invalidate(event.id()).await().indefinitely();
        return applied;
    }

    public boolean applyTicketType(TicketTypeSnapshot ticketType, long version) {
        boolean applied = VersionedWrites.applyIfNewer(ticketTypes, ticketType.id(), version, Updates.combine(
                Updates.set("event_id", ticketType.eventId()),
                Updates.set("snapshot", Document.parse(toJson(ticketType))),
                Updates.set("deleted", ticketType.deletedAt() != null)));
        ticketTypeCache.invalidate(ticketType.id()).await().indefinitely();
        return applied;
    }

    public Optional<EventSnapshot> event(String eventId) {
        return eventCache.get(eventId, id -> ById.find(events, eventId, live())
                .map(d -> fromJson(d.get("snapshot", Document.class), EventSnapshot.class))).await().indefinitely();
    }

    private static Predicate<Document> live() {
        return found -> Boolean.FALSE.equals(found.getBoolean("deleted"));
    }

    public Optional<TicketTypeSnapshot> ticketType(String ticketTypeId) {
        return ticketTypeCache.get(ticketTypeId, id -> ById.find(ticketTypes, ticketTypeId, live())
                .map(d -> fromJson(d.get("snapshot", Document.class), TicketTypeSnapshot.class))).await().indefinitely();
    }

    private static String toJson(Object snapshot) {
        try {
            return JSON.writeValueAsString(snapshot);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T fromJson(Document document, Class<T> type) {
        try {
            return JSON.readValue(document.toJson(), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Unreadable replica snapshot", e);
        }
    }
}
