package io.eventplatform.org.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import io.eventplatform.common.consumer.VersionedWrites;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * event-service's events and templates as org-service shows them in an organization's detail, kept from their
 * topics: the latest snapshot of each, and whether it was deleted.
 */
@ApplicationScoped
public class CatalogReplicaRepository {

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> templates;

    public CatalogReplicaRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.events = mongo.getDatabase(database).getCollection("event_replica");
        this.templates = mongo.getDatabase(database).getCollection("template_replica");
    }

    void createIndexes(@Observes StartupEvent startup) {
        events.createIndex(Indexes.ascending("organization_id", "deleted"));
        templates.createIndex(Indexes.ascending("organization_id", "deleted"));
    }

    public boolean apply(AggregateType type, DomainEvent event) {
        Document snapshot = Document.parse(event.data().toString());
        boolean deleted = event.type().endsWith(".deleted");
        String organizationId = event.organizationId() != null ? event.organizationId() : snapshot.getString("organization_id");
        return VersionedWrites.applyIfNewer(collection(type), event.aggregateId(), event.aggregateVersion(), Updates.combine(
                Updates.set("organization_id", organizationId),
                Updates.set("created_at", snapshot.getString("created_at")),
                Updates.set("data", snapshot),
                Updates.set("deleted", deleted)));
    }

    /** The organization's live events, newest first, as their snapshots with {@code _id}. */
    public List<Document> eventsOf(String organizationId) {
        return events.find(live(organizationId)).sort(Sorts.descending("created_at"))
                .map(d -> withId(d.get("data", Document.class), d.getString("_id"))).into(new ArrayList<>());
    }

    /** Live events per organization, for any number of organizations in one query. */
    public java.util.Map<String, Long> countEvents(List<String> organizationIds) {
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        events.aggregate(List.of(
                com.mongodb.client.model.Aggregates.match(Filters.and(Filters.in("organization_id", organizationIds), Filters.eq("deleted", false))),
                com.mongodb.client.model.Aggregates.group("$organization_id", com.mongodb.client.model.Accumulators.sum("n", 1))))
                .forEach(d -> counts.put(d.getString("_id"), ((Number) d.get("n")).longValue()));
        return counts;
    }

    public long countTemplates(String organizationId) {
        return templates.countDocuments(live(organizationId));
    }

    private static org.bson.conversions.Bson live(String organizationId) {
        return Filters.and(Filters.eq("organization_id", organizationId), Filters.eq("deleted", false));
    }

    private static Document withId(Document snapshot, String id) {
        Document view = new Document("_id", id);
        snapshot.forEach((k, v) -> {
            if (!"id".equals(k)) {
                view.put(k, v);
            }
        });
        return view;
    }

    private MongoCollection<Document> collection(AggregateType type) {
        return type == AggregateType.TEMPLATE ? templates : events;
    }
}
