package io.eventplatform.event.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;

import io.eventplatform.common.consumer.VersionedWrites;
import io.eventplatform.common.consumer.VersionedWrites.VersionedFields;
import io.eventplatform.common.contracts.RegistrationEvents.RegistrationSnapshot;
import io.quarkus.runtime.StartupEvent;

/**
 * The latest state of every registration, as far as counting goes: whether it holds a seat, on which ticket type.
 * {@code sold_count} and {@code _count.registrations} are counted from it, so a duplicate or reordered event can
 * never make them drift.
 */
@ApplicationScoped
public class RegistrationCountRepository {

    private final MongoCollection<Document> registrations;

    public RegistrationCountRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.registrations = mongo.getDatabase(database).getCollection("registration_state");
    }

    void createIndexes(@Observes StartupEvent startup) {
        registrations.createIndex(Indexes.ascending("event_id", "holds_seat"));
        registrations.createIndex(Indexes.ascending("ticket_type_id", "holds_seat"));
    }

    /** A consumer batch of registration snapshots with their versions, in two store operations. */
    public void applyAll(List<VersionedFields> snapshots) {
        VersionedWrites.applyAllIfNewer(registrations, snapshots);
    }

    public static VersionedFields fields(RegistrationSnapshot registration, long version) {
        return new VersionedFields(registration.id(), version, new Document("event_id", registration.eventId())
                .append("ticket_type_id", registration.ticketTypeId())
                .append("holds_seat", registration.holdsSeat())
                .append("deleted", registration.deletedAt() != null));
    }

    /** Seat-holding registrations per ticket type of the given events. */
    public Map<String, Long> soldByTicketType(List<String> eventIds) {
        return group(Filters.and(Filters.in("event_id", eventIds), Filters.eq("holds_seat", true)), "$ticket_type_id");
    }

    /** Registrations (not deleted) per event. */
    public Map<String, Long> registrationsByEvent(List<String> eventIds) {
        return group(Filters.and(Filters.in("event_id", eventIds), Filters.eq("deleted", false)), "$event_id");
    }

    private Map<String, Long> group(org.bson.conversions.Bson match, String key) {
        Map<String, Long> counts = new HashMap<>();
        registrations.aggregate(List.of(Aggregates.match(match), Aggregates.group(key, Accumulators.sum("n", 1))))
                .forEach(d -> counts.put(d.getString("_id"), ((Number) d.get("n")).longValue()));
        return counts;
    }
}
