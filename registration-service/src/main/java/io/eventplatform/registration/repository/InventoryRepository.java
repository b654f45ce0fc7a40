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
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.eventplatform.common.mongo.ConditionalUpdates;
import io.eventplatform.common.mongo.UniqueInserts;

/**
 * The seats of each event in one document: {@code total}, {@code types.<ticket type>}, and the {@code holds} of
 * seats taken for registrations not stored yet. Taking a seat is one conditional update that checks both limits and
 * records the hold, so no interleaving can oversell and a crash before the registration is stored leaves a hold the
 * reconciler can free. {@code releases.<seat>} announces a seat about to be given back (a cancellation being saved),
 * so that a crash between saving the cancellation and giving the seat back is finished by the reconciler, once.
 */
@ApplicationScoped
public class InventoryRepository {

    private static final String RELEASES = "releases";

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

    /** Gives a held seat back (it never became a registration's seat); nothing if the hold is gone or being released. */
    public boolean releaseHold(String eventId, String ticketTypeId, String holdId) {
        return ConditionalUpdates.updateOne(inventory, Filters.and(Filters.eq("_id", eventId), Filters.eq("holds.id", holdId),
                Filters.exists(RELEASES + "." + holdId, false)),
                Updates.combine(Updates.inc("total", -1), Updates.inc(typeField(ticketTypeId), -1),
                        Updates.pull("holds", new Document("id", holdId))));
    }

    /** Announces, before the registration is saved without it, that {@code seat} is about to be given back. */
    public void announceRelease(String eventId, String ticketTypeId, String seat, String registrationId, Instant now) {
        String entry = RELEASES + "." + seat;
        inventory.updateOne(Filters.eq("_id", eventId), Updates.combine(Updates.set(entry + ".registration", registrationId),
                Updates.set(entry + ".type", ticketTypeId), Updates.set(entry + ".at", java.util.Date.from(now))));
    }

    /**
     * Gives an announced seat back, whether its hold is still unsettled or not, exactly once: the seat is marked
     * released in the same update, and a second call (a retry, or the reconciler after a crash) matches nothing.
     */
    public boolean releaseSeat(String eventId, String ticketTypeId, String seat) {
        String entry = RELEASES + "." + seat;
        return ConditionalUpdates.updateOne(inventory, Filters.and(Filters.eq("_id", eventId),
                Filters.exists(entry + ".registration"), Filters.ne(entry + ".done", true)),
                Updates.combine(Updates.inc("total", -1), Updates.inc(typeField(ticketTypeId), -1),
                        Updates.pull("holds", new Document("id", seat)), Updates.set(entry + ".done", true)));
    }

    /**
     * Forgets the announcement as it was read (the same {@code at}, so a newer announcement of the seat stays): done
     * long ago, or one whose cancellation was never saved (the seat stays taken).
     */
    public void forgetRelease(Release release) {
        String entry = RELEASES + "." + release.seat();
        ConditionalUpdates.updateOne(inventory, Filters.and(Filters.eq("_id", release.eventId()),
                Filters.eq(entry + ".at", release.at() == null ? null : java.util.Date.from(release.at())),
                release.done() ? Filters.eq(entry + ".done", true) : Filters.ne(entry + ".done", true)), Updates.unset(entry));
    }

    /** Release announcements older than {@code before}. */
    public List<Release> staleReleases(Instant before) {
        List<Release> stale = new ArrayList<>();
        inventory.find(Filters.exists(RELEASES)).projection(Projections.include(RELEASES)).forEach(doc ->
                doc.get(RELEASES, new Document()).forEach((seat, value) -> {
                    Document release = (Document) value;
                    if (release.getDate("at") == null || release.getDate("at").toInstant().isBefore(before)) {
                        stale.add(new Release(doc.getString("_id"), release.getString("type"), seat,
                                release.getString("registration"), Boolean.TRUE.equals(release.getBoolean("done")),
                                release.getDate("at") == null ? null : release.getDate("at").toInstant()));
                    }
                }));
        return stale;
    }

    public record Release(String eventId, String ticketTypeId, String seat, String registrationId, boolean done,
            Instant at) {
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
