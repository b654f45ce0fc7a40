package io.eventplatform.event.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.eventplatform.common.consumer.VersionedWrites;
import io.eventplatform.common.contracts.OrganizationEvents.OrganizationSnapshot;

/** event-service's copy of org-service's organizations: name, slug and logo for event details, and the plan. */
@ApplicationScoped
public class OrganizationReplicaRepository {

    private final MongoCollection<Document> organizations;

    public OrganizationReplicaRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.organizations = mongo.getDatabase(database).getCollection("organization_replica");
    }

    public boolean apply(OrganizationSnapshot organization, long version) {
        return VersionedWrites.applyIfNewer(organizations, organization.id(), version, Updates.combine(
                Updates.set("name", organization.name()),
                Updates.set("slug", organization.slug()),
                Updates.set("logo", organization.logo()),
                Updates.set("plan_type", organization.planType()),
                Updates.set("max_events", organization.maxEvents()),
                Updates.set("deleted", organization.deletedAt() != null)));
    }

    public Optional<OrganizationInfo> find(String organizationId) {
        return Optional.ofNullable(organizations.find(Filters.eq("_id", organizationId)).first()).map(OrganizationInfo::of);
    }

    public record OrganizationInfo(String id, String name, String slug, String logo, String planType, int maxEvents,
            boolean deleted) {
        static OrganizationInfo of(Document d) {
            return new OrganizationInfo(d.getString("_id"), d.getString("name"), d.getString("slug"), d.getString("logo"),
                    d.getString("plan_type"), d.getInteger("max_events", 0), d.getBoolean("deleted", false));
        }
    }
}
