package io.eventplatform.analytics.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.eventplatform.analytics.domain.FieldKeys;
import io.eventplatform.analytics.domain.RegistrationFacts;
import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.consumer.VersionedWrites;
import io.eventplatform.common.mongo.ById;
import io.eventplatform.common.mongo.ConditionalUpdates;

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
    private static final String INFLIGHT = "inflight";
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
        return Optional.ofNullable(counted(List.of(registrationId)).get(registrationId));
    }

    public Map<String, CountedRegistration> counted(Collection<String> registrationIds) {
        Map<String, CountedRegistration> counted = new HashMap<>();
        for (Document d : registrations().find(Filters.in("_id", registrationIds))) {
            counted.put(d.getString("_id"), new CountedRegistration(d.get(VERSION, Number.class).longValue(),
                    RegistrationFacts.fromDocument(d)));
        }
        return counted;
    }

    /** Event id → the registrations marked in flight there: the version and facts whose delta is already counted. */
    public Map<String, Map<String, CountedRegistration>> inFlight(Collection<String> eventIds) {
        Map<String, Map<String, CountedRegistration>> inFlight = new HashMap<>();
        for (Document d : events().find(Filters.in("_id", eventIds)).projection(Projections.include(INFLIGHT))) {
            Map<String, CountedRegistration> marks = new HashMap<>();
            d.get(INFLIGHT, new Document()).forEach((id, mark) -> marks.put(id, new CountedRegistration(
                    ((Document) mark).get(VERSION, Number.class).longValue(), RegistrationFacts.fromDocument((Document) mark))));
            inFlight.put(d.getString("_id"), marks);
        }
        return inFlight;
    }

    /**
     * Adds {@code delta} to the event's counters unless it is counted already: the same update marks each
     * registration in flight with the version and facts now counted ({@code marks}), and applies only if none of
     * them is marked at that version yet, so a delivery repeated after a crash adds nothing twice (and a later version
     * is counted from the marked facts, even if compaction removed the marked version). Nothing is added to a deleted
     * event.
     */
    public void addToCounters(String eventId, String organizationId, Map<String, CountedRegistration> marks,
            Map<String, Long> delta) {
        List<Bson> updates = new ArrayList<>();
        List<Bson> filters = new ArrayList<>(List.of(shown(eventId)));
        // Counters are Decimal128 in the store: 34 exact digits, no sum of amounts overflows.
        delta.forEach((path, amount) -> updates.add(Updates.inc(path, new Decimal128(amount))));
        marks.forEach((registrationId, counted) -> {
            updates.add(Updates.set(INFLIGHT + "." + registrationId,
                    counted.facts().toDocument().append(VERSION, counted.version())));
            filters.add(Filters.ne(INFLIGHT + "." + registrationId + "." + VERSION, counted.version()));
        });
        if (organizationId != null) {
            updates.add(Updates.set("organization_id", organizationId));
        }
        ConditionalUpdates.updateOne(events(), Filters.and(filters), Updates.combine(updates), true);
    }

    /**
     * Records the counted facts of each registration. Written by id alone: the caller counted them from the versions
     * it read, and is the only writer of these registrations (the consumer of their partition).
     */
    public void recordCounted(Map<String, CountedRegistration> counted) {
        if (counted.isEmpty()) {
            return;
        }
        List<ReplaceOneModel<Document>> writes = new ArrayList<>();
        counted.forEach((id, registration) -> writes.add(new ReplaceOneModel<>(Filters.eq("_id", id),
                registration.facts().toDocument().append("_id", id).append(VERSION, registration.version()),
                new ReplaceOptions().upsert(true))));
        registrations().bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /** The deltas of these registration versions are counted and their facts recorded: no longer in flight. */
    public void settle(String eventId, Map<String, Long> marks) {
        if (marks.isEmpty()) {
            return;
        }
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("_id", eventId)));
        List<Bson> unsets = new ArrayList<>();
        marks.forEach((registrationId, version) -> {
            filters.add(Filters.eq(INFLIGHT + "." + registrationId + "." + VERSION, version));
            unsets.add(Updates.unset(INFLIGHT + "." + registrationId));
        });
        if (!ConditionalUpdates.updateOne(events(), Filters.and(filters), Updates.combine(unsets)) && marks.size() > 1) {
            marks.forEach((registrationId, version) -> settle(eventId, Map.of(registrationId, version)));
        }
    }

    public void applyEvent(EventSnapshot event, long version) {
        if (event.deletedAt() != null) {
            removeEvent(event.id(), event.organizationId());
            return;
        }
        VersionedWrites.applyIfNewer(events(), shown(event.id()), META_VERSION, version, Updates.combine(
                Updates.set("organization_id", event.organizationId()),
                Updates.set("name", event.name()),
                Updates.set("timezone", event.timezone()),
                Updates.set("start_date", event.startDate() == null ? null : Date.from(event.startDate())),
                Updates.set("status", event.status())));
    }

    public void applyTicketType(TicketTypeSnapshot ticketType, long version) {
        String field = "ticket_types." + FieldKeys.escape(ticketType.id());
        VersionedWrites.applyIfNewer(events(), shown(ticketType.eventId()), field + "." + VERSION, version, Updates.combine(
                Updates.set("organization_id", ticketType.organizationId()),
                Updates.set(field + ".name", ticketType.name()),
                Updates.set(field + ".capacity", ticketType.capacity()),
                Updates.set(field + ".sort_order", ticketType.sortOrder()),
                Updates.set(field + "." + DELETED, ticketType.deletedAt() != null)));
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
        return ById.find(events(), eventId, Projections.exclude(INFLIGHT),
                found -> !found.getBoolean(DELETED, false) && found.containsKey(META_VERSION));
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
                Updates.unset(RegistrationFacts.COUNTERS), Updates.unset("ticket_types"), Updates.unset(INFLIGHT));
    }

    /** The event's document unless it is a deleted event's marker (which nothing late may bring back). */
    private static Bson shown(String eventId) {
        return Filters.and(Filters.eq("_id", eventId), Filters.ne(DELETED, true));
    }
}
