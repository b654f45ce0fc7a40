package io.eventplatform.analytics.repository;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.eventplatform.analytics.domain.FieldKeys;
import io.eventplatform.analytics.domain.RegistrationFacts;
import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.mongo.UniqueInserts;

/**
 * The projections: one small document per event ({@code event_stats}: the event's name, time zone and ticket types,
 * and every counter under {@code c}) and one per registration ({@code registration_states}: the facts last counted
 * and their version). Every write is one conditional single-document update.
 */
@ApplicationScoped
public class ProjectionRepository {

    private static final String VERSION = "version";
    private static final String META_VERSION = "meta_version";
    private static final String DELETED = "deleted";
    private static final String INFLIGHT = "inflight.";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final GenerationRepository generations;

    public ProjectionRepository(GenerationRepository generations) {
        this.generations = generations;
    }

    private MongoCollection<Document> events() {
        return generations.collection(GenerationRepository.EVENT_STATS);
    }

    private MongoCollection<Document> registrations() {
        return generations.collection(GenerationRepository.REGISTRATION_STATES);
    }

    /** The facts counted for a registration, and their version. */
    public record CountedRegistration(long version, RegistrationFacts facts) {
    }

    public Optional<CountedRegistration> counted(String registrationId) {
        return Optional.ofNullable(registrations().find(Filters.eq("_id", registrationId)).first())
                .map(d -> new CountedRegistration(d.get(VERSION, Number.class).longValue(),
                        RegistrationFacts.fromDocument(d)));
    }

    /**
     * Adds {@code delta} to the event's counters unless this registration version's delta is already in them: the
     * event document marks the registration as in flight at that version in the same update, so a delivery repeated
     * after a crash adds nothing twice. Nothing is added to a deleted event.
     */
    public void addToCounters(String eventId, String organizationId, String registrationId, long version,
            Map<String, Long> delta) {
        List<Bson> updates = new ArrayList<>();
        delta.forEach((path, amount) -> updates.add(Updates.inc(path, amount)));
        updates.add(Updates.set(INFLIGHT + registrationId, version));
        if (organizationId != null) {
            updates.add(Updates.set("organization_id", organizationId));
        }
        upsertUnlessConflicting(events(), Filters.and(Filters.eq("_id", eventId), Filters.ne(DELETED, true),
                Filters.ne(INFLIGHT + registrationId, version)), Updates.combine(updates));
    }

    /** Records the counted facts; returns false when a newer version was counted already. */
    public boolean recordCounted(String registrationId, long version, RegistrationFacts facts) {
        Document fields = facts.toDocument().append(VERSION, version);
        return upsertUnlessConflicting(registrations(), Filters.and(Filters.eq("_id", registrationId), newer(VERSION, version)),
                new Document("$set", fields));
    }

    /** The delta of this registration version is counted and its facts recorded: it is no longer in flight. */
    public void settle(String eventId, String registrationId, long version) {
        events().updateOne(Filters.and(Filters.eq("_id", eventId), Filters.eq(INFLIGHT + registrationId, version)),
                Updates.unset(INFLIGHT + registrationId));
    }

    public void applyEvent(EventSnapshot event, long version) {
        if (event.deletedAt() != null) {
            removeEvent(event.id(), event.organizationId());
            return;
        }
        upsertUnlessConflicting(events(), Filters.and(Filters.eq("_id", event.id()), Filters.ne(DELETED, true),
                newer(META_VERSION, version)), Updates.combine(
                        Updates.set("organization_id", event.organizationId()),
                        Updates.set("name", event.name()),
                        Updates.set("timezone", event.timezone()),
                        Updates.set("start_date", event.startDate() == null ? null : Date.from(event.startDate())),
                        Updates.set("status", event.status()),
                        Updates.set(META_VERSION, version)));
    }

    public void applyTicketType(TicketTypeSnapshot ticketType, long version) {
        String field = "ticket_types." + FieldKeys.escape(ticketType.id());
        upsertUnlessConflicting(events(), Filters.and(Filters.eq("_id", ticketType.eventId()), Filters.ne(DELETED, true),
                newer(field + "." + VERSION, version)), Updates.combine(
                        Updates.set("organization_id", ticketType.organizationId()),
                        Updates.set(field, new Document("name", ticketType.name())
                                .append("capacity", ticketType.capacity())
                                .append("sort_order", ticketType.sortOrder())
                                .append(DELETED, ticketType.deletedAt() != null)
                                .append(VERSION, version))));
    }

    /** A deleted event keeps only a marker, so that nothing arriving late brings its numbers back. */
    public void removeEvent(String eventId, String organizationId) {
        events().updateOne(Filters.eq("_id", eventId), tombstone(organizationId), UPSERT);
        registrations().deleteMany(Filters.eq("event_id", eventId));
    }

    public void removeOrganization(String organizationId) {
        for (Document event : events().find(Filters.eq("organization_id", organizationId)).projection(Projections.include("_id"))) {
            removeEvent(event.getString("_id"), organizationId);
        }
    }

    /** A shown event: one that event-service told about and did not delete. */
    public Optional<Document> event(String eventId) {
        return Optional.ofNullable(events().find(Filters.and(Filters.eq("_id", eventId), Filters.ne(DELETED, true),
                Filters.exists(META_VERSION))).projection(Projections.exclude("inflight")).first());
    }

    /** The organization's shown events with the counters named (the others are left in the store). */
    public List<Document> eventsOf(String organizationId, String... counters) {
        List<String> fields = new ArrayList<>(List.of("name", "timezone", "start_date"));
        for (String counter : counters) {
            fields.add(RegistrationFacts.COUNTERS + "." + counter);
        }
        return events().find(Filters.and(Filters.eq("organization_id", organizationId), Filters.ne(DELETED, true),
                Filters.exists(META_VERSION))).projection(Projections.include(fields)).into(new ArrayList<>());
    }

    private static Bson tombstone(String organizationId) {
        return Updates.combine(Updates.set(DELETED, true), Updates.set("organization_id", organizationId),
                Updates.unset(RegistrationFacts.COUNTERS), Updates.unset("ticket_types"), Updates.unset("inflight"));
    }

    /** Matches a document whose {@code field} is older than {@code version}, or that has none yet. */
    private static Bson newer(String field, long version) {
        return Filters.or(Filters.lt(field, version), Filters.exists(field, false));
    }

    /**
     * An upsert whose filter also asks for a condition: when the document exists but the condition does not hold, the
     * insert collides with its {@code _id}, and nothing changes. Returns whether the update was made.
     */
    private static boolean upsertUnlessConflicting(MongoCollection<Document> collection, Bson filter, Bson update) {
        try {
            var result = collection.updateOne(filter, update, UPSERT);
            return result.getMatchedCount() > 0 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (UniqueInserts.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }
}
