package io.eventplatform.registration.repository;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

import io.eventplatform.common.mongo.UniqueInserts;
import io.quarkus.runtime.StartupEvent;

/**
 * The events in which a registration has ever held a seat: one document per event ({@code _id} = the event id),
 * stored before the first registration of that event takes a seat, and never removed. An event without one holds no
 * seat, so its seat pools start empty without asking for the seats held: that query is answered by an index on
 * MongoDB but by a scan of every registration on the embedded store (5 s with 100,000 stored on H2), and it would
 * otherwise be the first request of every on-sale.
 */
@ApplicationScoped
public class SeatedEventRepository {

    /** Stored once the events of the registrations stored before this collection existed are all in it. */
    private static final String EARLIER_ONES_COUNTED = "earlier-registrations-counted";

    private final MongoCollection<Document> seated;
    private final MongoCollection<Document> registrations;
    /** Events known to be in the collection; bounded: one dropped is looked up or stored again. */
    private final Set<String> known = Collections.newSetFromMap(Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1)).<String, Boolean>build().asMap());

    public SeatedEventRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.seated = mongo.getDatabase(database).getCollection("seated_events");
        this.registrations = mongo.getDatabase(database).getCollection("registrations");
    }

    /** Before a registration of this event takes a seat. */
    public void markSeated(String eventId) {
        if (!known.contains(eventId)) {
            UniqueInserts.insertIfAbsent(seated, new Document("_id", eventId));
            known.add(eventId);
        }
    }

    /** Whether a registration of this event may hold a seat. */
    public boolean everSeated(String eventId) {
        if (known.contains(eventId)) {
            return true;
        }
        boolean stored = isStored(eventId);
        if (stored) {
            known.add(eventId);
        }
        return stored;
    }

    /** Registrations stored before this collection existed: their events are marked, once. */
    public void countEarlierRegistrations(@Observes StartupEvent startup) {
        if (isStored(EARLIER_ONES_COUNTED)) {
            return;
        }
        Set<String> events = new HashSet<>();
        registrations.find(Filters.in("status", "PENDING", "CONFIRMED")).projection(Projections.include("event_id"))
                .forEach(d -> events.add(d.getString("event_id")));
        events.forEach(this::markSeated);
        UniqueInserts.insertIfAbsent(seated, new Document("_id", EARLIER_ONES_COUNTED));
    }

    private boolean isStored(String id) {
        return seated.find(Filters.eq("_id", id)).first() != null;
    }
}
