package io.eventplatform.registration.repository;

import java.time.Duration;
import java.util.Collections;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.eventplatform.common.mongo.UniqueInserts;
import io.quarkus.runtime.StartupEvent;

/**
 * What the store says of each event's seats, in one small document per event ({@code _id} = the event id): stored
 * before the event's first seat is taken, and counting the seats given back since ({@code given_back}, raised after
 * each one). Seat pools read it by {@code _id} instead of asking which seats are held, a query answered by an index
 * on MongoDB but by a scan of every registration on the embedded store (5 s with 100,000 stored on H2, and it holds
 * up every other write meanwhile): an event without a document holds no seat (a new on-sale), and a pool that is
 * sold out only learns something new by asking again if a seat was given back since it last asked.
 */
@ApplicationScoped
public class SeatedEventRepository {

    /** Stored once the events of the registrations stored before this collection existed are all in it. */
    private static final String EARLIER_ONES_COUNTED = "earlier-registrations-counted";
    private static final String GIVEN_BACK = "given_back";
    /** A count of seats given back that is not known: ask the store which seats are held. */
    public static final long UNKNOWN = -1;

    private final MongoCollection<Document> seated;
    private final RegistrationRepository registrations;
    /** Events known to be in the collection; bounded: one dropped is looked up or stored again. */
    private final Set<String> known = Collections.newSetFromMap(Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1)).<String, Boolean>build().asMap());
    /** Until the earlier registrations are counted (by any replica), nothing is known of any event. */
    private volatile boolean earlierCounted;

    public SeatedEventRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            RegistrationRepository registrations) {
        this.seated = mongo.getDatabase(database).getCollection("seated_events");
        this.registrations = registrations;
    }

    /**
     * An event's seats as the store knows them: whether one was ever taken, and how many were given back since
     * ({@link #UNKNOWN} before the earlier registrations are counted: ask the store which seats are held).
     */
    public record Seats(boolean everTaken, long givenBack) {
    }

    /** Before a registration of this event takes a seat. */
    public void markSeated(String eventId) {
        if (!known.contains(eventId)) {
            UniqueInserts.insertIfAbsent(seated, new Document("_id", eventId));
            known.add(eventId);
        }
    }

    /**
     * After a registration of this event gave its seat back. Should the process die in between, pools elsewhere
     * learn of that seat with the next one counted: it is sold late, never twice.
     */
    public void countGivenBack(String eventId) {
        seated.updateOne(Filters.eq("_id", eventId), Updates.inc(GIVEN_BACK, 1L), new UpdateOptions().upsert(true));
        known.add(eventId);
    }

    public Seats seats(String eventId) {
        if (!earlierCounted) {
            if (find(EARLIER_ONES_COUNTED) == null) {
                return new Seats(true, UNKNOWN);
            }
            earlierCounted = true;
        }
        Document event = find(eventId);
        return event == null ? new Seats(false, 0) : new Seats(true, ((Number) event.getOrDefault(GIVEN_BACK, 0L)).longValue());
    }

    /** Registrations stored before this collection existed: their events are marked, once (until then every pool asks). */
    public void countEarlierRegistrations(@Observes @Priority(1) StartupEvent startup) {
        if (find(EARLIER_ONES_COUNTED) != null) {
            return;
        }
        // Straight to the store, not through markSeated: what this process remembers is not what the store holds.
        registrations.eventsHoldingSeats().forEach(id -> UniqueInserts.insertIfAbsent(seated, new Document("_id", id)));
        UniqueInserts.insertIfAbsent(seated, new Document("_id", EARLIER_ONES_COUNTED));
    }

    private Document find(String id) {
        return seated.find(Filters.eq("_id", id)).first();
    }
}
