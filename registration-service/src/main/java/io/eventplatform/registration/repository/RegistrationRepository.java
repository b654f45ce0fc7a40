package io.eventplatform.registration.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.BsonDocument;
import org.bson.BsonDocumentWriter;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.codecs.EncoderContext;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;

import io.eventplatform.common.mongo.ConditionalUpdates;
import io.eventplatform.common.mongo.EntityUpdates;
import io.eventplatform.common.mongo.UniqueInserts;
import io.eventplatform.common.outbox.OutboxEntry;
import io.eventplatform.common.pagination.Page;
import io.eventplatform.common.pagination.PageRequest;
import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.domain.RegistrationStatus;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;

@ApplicationScoped
public class RegistrationRepository implements PanacheMongoRepositoryBase<Registration, ObjectId> {

    /** Fields of a registration made under an Idempotency-Key, never part of the entity (so no save can clear them). */
    private static final String REQUEST_KEY = "idempotency_key";
    private static final String FIRST_RESPONSE = "idempotency_response";
    private static final String TYPE_SEAT = "type_seat";
    private static final String EVENT_SEAT = "event_seat";
    private static final Bson HOLDS_SEAT = Filters.in("status", Arrays.stream(RegistrationStatus.values())
            .filter(RegistrationStatus::holdsSeat).map(Enum::name).toList());

    void createIndexes(@Observes StartupEvent startup) {
        giveEveryRegistrationItsSeatFields();
        mongoCollection().createIndex(Indexes.ascending("event_id", "email"), new IndexOptions().unique(true));
        mongoCollection().createIndex(Indexes.ascending("qr_code"), new IndexOptions().unique(true));
        ConditionalUpdates.indexVersions(mongoCollection(), "version");
        // Prefixed by event_id, the shard key a sharded cluster would use (a unique index must start with it there).
        mongoCollection().createIndex(Indexes.ascending("event_id", TYPE_SEAT), new IndexOptions().unique(true));
        mongoCollection().createIndex(Indexes.ascending("event_id", EVENT_SEAT), new IndexOptions().unique(true));
        // An event's registrations newest first: the list's page and its count (by the prefix) on a real MongoDB.
        mongoCollection().createIndex(Indexes.compoundIndex(Indexes.ascending("event_id"), Indexes.descending("created_at", "_id")));
        // An event's registrations in the order they last changed: what a door device downloads (changedSince).
        mongoCollection().createIndex(Indexes.ascending("event_id", "updated_at", "_id"));
        mongoCollection().createIndex(Indexes.ascending("ticket_type_id", "status"));
        mongoCollection().createIndex(Indexes.ascending("user_id"));
        mongoCollection().createIndex(Indexes.ascending("status"));
        mongoCollection().createIndex(Indexes.descending("created_at", "_id"));
        // Sparse: only registrations made with an Idempotency-Key carry one (documents without the field are not indexed).
        mongoCollection().createIndex(Indexes.ascending(REQUEST_KEY), new IndexOptions().unique(true).sparse(true));
    }

    /**
     * Registrations stored before seats had numbers get their "no seat" values, so the unique seat indexes can exist;
     * the seats they hold are counted by their status (see SeatSlots).
     */
    private void giveEveryRegistrationItsSeatFields() {
        MongoCollection<Document> raw = mongoCollection().withDocumentClass(Document.class);
        raw.find(Filters.exists(TYPE_SEAT, false)).projection(Projections.include("_id")).forEach(d -> {
            String none = "-/" + d.get("_id");
            raw.updateOne(Filters.and(Filters.eq("_id", d.get("_id")), Filters.exists(TYPE_SEAT, false)),
                    Updates.combine(Updates.set(TYPE_SEAT, none), Updates.set(EVENT_SEAT, none)));
        });
    }

    /** The seat values of the registrations of a ticket type or event ({@code scopeField}) that hold a seat. */
    public List<String> seatsHeld(String scopeField, String scopeId, String seatField) {
        return mongoCollection().withDocumentClass(Document.class)
                .find(Filters.and(Filters.eq(scopeField, scopeId), HOLDS_SEAT))
                .projection(Projections.include(seatField)).map(d -> d.getString(seatField)).into(new ArrayList<>());
    }

    /** The events in which some registration holds a seat (a scan: for the one-time count at start-up). */
    public Set<String> eventsHoldingSeats() {
        return mongoCollection().withDocumentClass(Document.class).find(HOLDS_SEAT).projection(Projections.include("event_id"))
                .map(d -> d.getString("event_id")).into(new HashSet<>());
    }

    /**
     * Stores a new registration; false when the event already has a registration for this email, the request key
     * already made one or the QR code is taken (the unique indexes decide races). A seat number another registration
     * holds is thrown, for SeatSlots to try another. A registration made under an {@code Idempotency-Key} carries the
     * key and the response it is answered with, outside the entity, so that storing it is claiming the key.
     */
    public boolean insertIfAbsent(Registration registration, Optional<Keyed> keyed) {
        try {
            return insert(registration, keyed);
        } catch (MongoWriteException e) {
            boolean onSeat = e.getMessage() != null && (e.getMessage().contains(TYPE_SEAT) || e.getMessage().contains(EVENT_SEAT));
            if (UniqueInserts.isDuplicateKey(e) && !onSeat) {
                return false;
            }
            throw e;
        }
    }

    private boolean insert(Registration registration, Optional<Keyed> keyed) {
        if (keyed.isEmpty()) {
            mongoCollection().insertOne(registration);
            return true;
        }
        BsonDocument document = new BsonDocument();
        mongoCollection().getCodecRegistry().get(Registration.class)
                .encode(new BsonDocumentWriter(document), registration, EncoderContext.builder().build());
        document.put(REQUEST_KEY, new BsonString(keyed.get().key()));
        document.put(FIRST_RESPONSE, new BsonString(keyed.get().response()));
        mongoCollection().withDocumentClass(BsonDocument.class).insertOne(document);
        return true;
    }

    /** A request key (the caller and their {@code Idempotency-Key}) and the response of the registration made under it. */
    public record Keyed(String key, String response) {
    }

    /** The registration made under a request key: when, and the response it was answered with. */
    public record MadeUnderKey(ObjectId id, Instant createdAt, String response) {
    }

    public Optional<MadeUnderKey> madeUnder(String key) {
        return Optional.ofNullable(mongoCollection().withDocumentClass(Document.class).find(Filters.eq(REQUEST_KEY, key))
                .projection(Projections.include("created_at", FIRST_RESPONSE)).first())
                .map(d -> new MadeUnderKey(d.getObjectId("_id"), d.getDate("created_at").toInstant(), d.getString(FIRST_RESPONSE)));
    }

    /** The key may be used again (its day is over); the registration itself stays as it is. */
    public void forgetKey(ObjectId registrationId, String key) {
        ConditionalUpdates.updateOne(mongoCollection(), Filters.and(Filters.eq("_id", registrationId), Filters.eq(REQUEST_KEY, key)),
                Updates.combine(Updates.unset(REQUEST_KEY), Updates.unset(FIRST_RESPONSE)));
    }

    public boolean emailTaken(String eventId, String email) {
        return mongoCollection().countDocuments(Filters.and(Filters.eq("event_id", eventId), Filters.eq("email", email))) > 0;
    }

    /** Up to {@code limit} of the event's registrations that changed after a point, in the order they last changed. */
    public List<Registration> changedSince(String eventId, Instant at, ObjectId after, int limit) {
        Bson since = at == null ? Filters.eq("event_id", eventId) : Filters.and(Filters.eq("event_id", eventId),
                Filters.or(Filters.gt("updated_at", at), Filters.and(Filters.eq("updated_at", at), Filters.gt("_id", after))));
        return mongoCollection().find(since).sort(Sorts.ascending("updated_at", "_id")).limit(limit).into(new ArrayList<>());
    }

    public Optional<Registration> byQrCode(String qrCode) {
        return Optional.ofNullable(mongoCollection().find(Filters.eq("qr_code", qrCode)).first());
    }

    /** The registrations of these QR codes, in one query (the unique index answers {@code $in}). */
    public List<Registration> byQrCodes(Collection<String> qrCodes) {
        return qrCodes.isEmpty() ? List.of() : mongoCollection().find(Filters.in("qr_code", qrCodes)).into(new ArrayList<>());
    }

    public List<Registration> byIds(Collection<ObjectId> ids) {
        return ids.isEmpty() ? List.of() : mongoCollection().find(Filters.in("_id", ids)).into(new ArrayList<>());
    }

    /** What a scan changes: where the registration stands on the lists, the documented check-in, and the version. */
    private static final Set<String> SCANNED_FIELDS = Set.of("admissions", "checked_in", "check_in_time", "updated_at", "version");

    /**
     * {@link #saveIfUnchanged} for a scan's effect: only the fields a scan changes are written (a scan is the hot path
     * at the door).
     */
    public Optional<Registration> saveScanIfUnchanged(Registration registration, long expectedVersion, List<OutboxEntry> events) {
        boolean saved = ConditionalUpdates.updateOne(mongoCollection(), ConditionalUpdates.atVersion(registration.id, "version", expectedVersion),
                scanned(registration, events));
        return saved ? Optional.of(registration) : Optional.empty();
    }

    private Bson scanned(Registration registration, List<OutboxEntry> events) {
        return EntityUpdates.saveFieldsWithEvents(registration, mongoCollection().getCodecRegistry(), SCANNED_FIELDS, events);
    }

    /** A scanned registration's new state with its events, to be saved if it is still at {@code expectedVersion}. */
    public record Change(Registration registration, long expectedVersion, List<OutboxEntry> events) {
    }

    /**
     * {@link #saveScanIfUnchanged} for many registrations in one bulk write; true when every one was saved (else the
     * caller finds out which were not).
     */
    public boolean saveAllIfUnchanged(List<Change> changes) {
        if (changes.isEmpty()) {
            return true;
        }
        List<UpdateOneModel<Registration>> writes = changes.stream().map(c -> new UpdateOneModel<Registration>(
                ConditionalUpdates.atVersion(c.registration().id, "version", c.expectedVersion()),
                scanned(c.registration(), c.events()))).toList();
        return mongoCollection().bulkWrite(writes, new BulkWriteOptions().ordered(false)).getMatchedCount() == changes.size();
    }

    /**
     * Saves the new state with its events if the registration is still at {@code expectedVersion} (every change
     * raises it, so the state it was read in is the state it is changed from); the saved registration, or empty
     * when something else changed it first.
     */
    public Optional<Registration> saveIfUnchanged(Registration registration, long expectedVersion, List<OutboxEntry> events) {
        boolean saved = ConditionalUpdates.updateOne(mongoCollection(), ConditionalUpdates.atVersion(registration.id, "version", expectedVersion),
                EntityUpdates.saveWithEvents(registration, mongoCollection().getCodecRegistry(), events));
        return saved ? Optional.of(registration) : Optional.empty();
    }

    public Page<Registration> search(String eventId, String userId, String status, Boolean checkedIn, String search, PageRequest page) {
        List<Bson> filters = new ArrayList<>();
        if (eventId != null) {
            filters.add(Filters.eq("event_id", eventId));
        }
        if (userId != null) {
            filters.add(Filters.eq("user_id", userId));
        }
        if (status != null) {
            filters.add(Filters.eq("status", status));
        }
        if (checkedIn != null) {
            filters.add(Filters.eq("checked_in", checkedIn));
        }
        if (search != null && !search.isBlank()) {
            Pattern literal = Pattern.compile(Pattern.quote(search.trim()), Pattern.CASE_INSENSITIVE);
            filters.add(Filters.or(Filters.regex("first_name", literal), Filters.regex("last_name", literal),
                    Filters.regex("email", literal)));
        }
        Bson filter = filters.isEmpty() ? new org.bson.Document() : Filters.and(filters);
        return Page.newestFirst(mongoCollection(), filter, page);
    }

    public Optional<Registration> oldestWaitlisted(String eventId, String ticketTypeId) {
        return Optional.ofNullable(mongoCollection().find(Filters.and(Filters.eq("event_id", eventId),
                Filters.eq("ticket_type_id", ticketTypeId), Filters.eq("status", "WAITLIST")))
                .sort(Sorts.ascending("created_at", "_id")).first());
    }

    public List<String> waitlistedTicketTypes(String eventId) {
        return mongoCollection().distinct("ticket_type_id", Filters.and(Filters.eq("event_id", eventId),
                Filters.eq("status", "WAITLIST")), String.class).into(new ArrayList<>());
    }

    /** Registrations of the event that are not cancelled or rejected yet. */
    public List<ObjectId> activeIdsOfEvent(String eventId) {
        return mongoCollection().find(Filters.and(Filters.eq("event_id", eventId), Filters.nin("status", "CANCELLED", "REJECTED")))
                .map(r -> r.id).into(new ArrayList<>());
    }

    /** Every registration of the event, read lazily in batches (the caller iterates the cursor). */
    public Iterable<Registration> streamOfEvent(String eventId) {
        return mongoCollection().find(Filters.eq("event_id", eventId)).sort(Sorts.ascending("created_at")).batchSize(500);
    }

    /** The custom field names used by the event's registrations. */
    public java.util.Set<String> customFieldKeys(String eventId) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        mongoCollection().withDocumentClass(org.bson.Document.class)
                .find(Filters.and(Filters.eq("event_id", eventId), Filters.ne("custom_fields", null)))
                .projection(new org.bson.Document("custom_fields", 1)).batchSize(500)
                .forEach(d -> keys.addAll(d.get("custom_fields", org.bson.Document.class).keySet()));
        return keys;
    }
}
