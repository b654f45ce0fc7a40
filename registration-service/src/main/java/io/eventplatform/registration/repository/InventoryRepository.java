package io.eventplatform.registration.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.eventplatform.common.mongo.ConditionalUpdates;
import io.eventplatform.common.mongo.UniqueInserts;

/**
 * The seats of each event in one document: {@code total}, {@code types.<ticket type>}, and the {@code holds} of
 * seats taken for registrations not stored yet. Taking a seat is one conditional update that checks both limits and
 * records the hold, so no interleaving can oversell and a crash before the registration is stored leaves a hold the
 * reconciler can free.
 */
@ApplicationScoped
public class InventoryRepository {

    private final MongoCollection<Document> inventory;
    /** Counter fields known to exist; they are never removed, so each is created once per process at most. */
    private final java.util.Set<String> ensured = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public InventoryRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.inventory = mongo.getDatabase(database).getCollection("inventory");
    }

    /**
     * Takes one seat of the ticket type for a registration, within its capacity and the event's maximum; false when
     * full. The hold names the registration, so the reconciler can tell a stored seat from a leaked one.
     */
    public boolean take(String eventId, String ticketTypeId, Integer capacity, Integer maxAttendees, String holdId,
            String registrationId, Instant now) {
        ensure(eventId, ticketTypeId);
        List<Bson> limits = new ArrayList<>();
        limits.add(Filters.eq("_id", eventId));
        if (capacity != null) {
            limits.add(Filters.lt(typeField(ticketTypeId), capacity));
        }
        if (maxAttendees != null) {
            limits.add(Filters.lt("total", maxAttendees));
        }
        Document hold = new Document("id", holdId).append("registration", registrationId).append("type", ticketTypeId)
                .append("at", java.util.Date.from(now));
        return ConditionalUpdates.updateOne(inventory, Filters.and(limits), Updates.combine(Updates.inc("total", 1),
                Updates.inc(typeField(ticketTypeId), 1), Updates.push("holds", hold)));
    }

    /** Whether the ticket type (rather than the event as a whole) is what is full. */
    public boolean ticketTypeFull(String eventId, String ticketTypeId, Integer capacity) {
        Document doc = inventory.find(Filters.eq("_id", eventId)).first();
        if (doc == null || capacity == null) {
            return false;
        }
        Document types = doc.get("types", Document.class);
        return types != null && ((Number) types.getOrDefault(ticketTypeId, 0)).intValue() >= capacity;
    }

    /** The registration is stored: its seat is no longer a mere hold. */
    public void settle(String eventId, String holdId) {
        inventory.updateOne(Filters.eq("_id", eventId), Updates.pull("holds", new Document("id", holdId)));
    }

    /** The registrations of these holds are stored: their seats are no longer mere holds. */
    public void settleAll(String eventId, List<String> holdIds) {
        inventory.updateOne(Filters.eq("_id", eventId), Updates.pullByFilter(
                new Document("holds", new Document("id", new Document("$in", holdIds)))));
    }

    /** Gives a held seat back (the registration was not stored); does nothing if the hold is already gone. */
    public boolean releaseHold(String eventId, String ticketTypeId, String holdId) {
        return ConditionalUpdates.updateOne(inventory, Filters.and(Filters.eq("_id", eventId), Filters.eq("holds.id", holdId)),
                Updates.combine(Updates.inc("total", -1), Updates.inc(typeField(ticketTypeId), -1),
                        Updates.pull("holds", new Document("id", holdId))));
    }

    /**
     * Gives a registration's seat back (a cancellation or rejection that this caller's conditional update decided):
     * its hold if that is still unsettled, otherwise the settled seat. Exactly one of the two decrements.
     */
    public void releaseSeat(String eventId, String ticketTypeId, String seat) {
        if (!releaseHold(eventId, ticketTypeId, seat)) {
            release(eventId, ticketTypeId);
        }
    }

    private void release(String eventId, String ticketTypeId) {
        inventory.updateOne(Filters.eq("_id", eventId), Updates.combine(Updates.inc("total", -1), Updates.inc(typeField(ticketTypeId), -1)));
    }

    /** Holds older than {@code before}. */
    public List<Hold> staleHolds(Instant before) {
        List<Hold> stale = new ArrayList<>();
        inventory.find(Filters.elemMatch("holds", Filters.lt("at", java.util.Date.from(before)))).forEach(doc -> {
            for (Document hold : doc.getList("holds", Document.class, List.of())) {
                if (hold.getDate("at").toInstant().isBefore(before)) {
                    stale.add(new Hold(doc.getString("_id"), hold.getString("type"), hold.getString("id"), hold.getString("registration")));
                }
            }
        });
        return stale;
    }

    public record Hold(String eventId, String ticketTypeId, String id, String registrationId) {
    }

    public Document counts(String eventId) {
        return inventory.find(Filters.eq("_id", eventId)).first();
    }

    private void ensure(String eventId, String ticketTypeId) {
        if (ensured.contains(eventId + "/" + ticketTypeId)) {
            return;
        }
        try {
            inventory.updateOne(Filters.eq("_id", eventId), Updates.combine(Updates.setOnInsert("total", 0),
                    Updates.setOnInsert("holds", List.of())), new UpdateOptions().upsert(true));
        } catch (com.mongodb.MongoWriteException e) {
            if (!UniqueInserts.isDuplicateKey(e)) {
                throw e;
            }
        }
        ConditionalUpdates.updateOne(inventory, Filters.and(Filters.eq("_id", eventId), Filters.exists(typeField(ticketTypeId), false)),
                Updates.set(typeField(ticketTypeId), 0));
        ensured.add(eventId + "/" + ticketTypeId);
    }

    private static String typeField(String ticketTypeId) {
        return "types." + ticketTypeId;
    }
}
