package io.eventplatform.event.repository;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import io.eventplatform.common.mongo.ById;
import io.eventplatform.common.mongo.ConditionalUpdates;
import io.eventplatform.common.mongo.EntityUpdates;
import io.eventplatform.common.mongo.UniqueInserts;
import io.eventplatform.common.outbox.OutboxEntry;
import io.eventplatform.common.pagination.Page;
import io.eventplatform.common.pagination.PageRequest;
import io.eventplatform.event.domain.Event;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;

@ApplicationScoped
public class EventRepository implements PanacheMongoRepositoryBase<Event, ObjectId> {

    private static final int MAX_SLOT_ATTEMPTS = 50;

    public enum InsertResult { CREATED, SLUG_TAKEN, PLAN_FULL }

    void createIndexes(@Observes StartupEvent startup) {
        mongoCollection().createIndex(Indexes.ascending("slug"), new IndexOptions().unique(true));
        ConditionalUpdates.indexVersions(mongoCollection(), "revision");
        mongoCollection().createIndex(Indexes.ascending("organization_id", "plan_slot"), new IndexOptions().unique(true));
        mongoCollection().createIndex(Indexes.ascending("organization_id"));
        mongoCollection().createIndex(Indexes.ascending("status"));
        mongoCollection().createIndex(Indexes.ascending("created_by_id"));
        mongoCollection().createIndex(Indexes.ascending("start_date"));
        mongoCollection().createIndex(Indexes.descending("created_at", "_id"));
        // Ticket types live inside their event; this finds the event of a ticket type.
        mongoCollection().createIndex(Indexes.ascending("ticket_types._id"));
    }

    /**
     * Inserts the event into the lowest free plan slot below {@code maxEvents}. The unique (organization, slot) and
     * slug indexes decide every race: a lost slot is retried with the next free one, a lost slug is final.
     */
    public InsertResult insertWithinPlan(Event event, int maxEvents) {
        for (int attempt = 0; attempt < MAX_SLOT_ATTEMPTS; attempt++) {
            Set<String> taken = new HashSet<>();
            mongoCollection().find(Filters.eq("organization_id", event.organizationId))
                    .projection(new org.bson.Document("plan_slot", 1)).map(e -> e.planSlot).forEach(taken::add);
            Optional<String> free = java.util.stream.IntStream.range(0, maxEvents).mapToObj(String::valueOf)
                    .filter(slot -> !taken.contains(slot)).findFirst();
            if (free.isEmpty()) {
                return InsertResult.PLAN_FULL;
            }
            event.planSlot = free.get();
            if (UniqueInserts.insertIfAbsent(mongoCollection(), event)) {
                return InsertResult.CREATED;
            }
            if (mongoCollection().countDocuments(Filters.eq("slug", event.slug)) > 0) {
                return InsertResult.SLUG_TAKEN;
            }
        }
        throw new IllegalStateException("No plan slot after " + MAX_SLOT_ATTEMPTS + " attempts");
    }

    public boolean slugExists(String slug) {
        return mongoCollection().countDocuments(Filters.eq("slug", slug)) > 0;
    }

    public Optional<Event> findLive(ObjectId id) {
        return ById.find(mongoCollection(), id, found -> found.deletedAt == null);
    }

    public Optional<Event> findLiveBySlug(String slug) {
        return Optional.ofNullable(mongoCollection().find(Filters.and(Filters.eq("slug", slug), Filters.eq("deleted_at", null))).first());
    }

    public Optional<Event> findLiveByTicketType(ObjectId ticketTypeId) {
        return Optional.ofNullable(mongoCollection().find(Filters.and(Filters.eq("ticket_types._id", ticketTypeId),
                Filters.eq("deleted_at", null))).first());
    }

    public List<Event> liveEventsOf(String organizationId) {
        return mongoCollection().find(Filters.and(Filters.eq("organization_id", organizationId), Filters.eq("deleted_at", null)))
                .into(new ArrayList<>());
    }

    /** One page of live events of the given organizations, newest first, with the total; search is literal. */
    public Page<Event> search(List<String> organizationIds, String status, String search, PageRequest page) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.in("organization_id", organizationIds), Filters.eq("deleted_at", null)));
        if (status != null) {
            filters.add(Filters.eq("status", status));
        }
        if (search != null && !search.isBlank()) {
            Pattern literal = Pattern.compile(Pattern.quote(search.trim()), Pattern.CASE_INSENSITIVE);
            filters.add(Filters.or(Filters.regex("name", literal), Filters.regex("description", literal), Filters.regex("venue", literal)));
        }
        Bson filter = Filters.and(filters);
        return Page.newestFirst(mongoCollection(), filter, page);
    }

    /** Saves the new state and its events only if nobody wrote the event since it was read at {@code expectedRevision}. */
    public boolean saveIfUnchanged(Event event, long expectedRevision, List<OutboxEntry> events) {
        return ConditionalUpdates.updateOne(mongoCollection(),
                ConditionalUpdates.atVersion(event.id, "revision", expectedRevision),
                EntityUpdates.saveWithEvents(event, mongoCollection().getCodecRegistry(), events));
    }
}
