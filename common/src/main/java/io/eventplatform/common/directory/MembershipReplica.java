package io.eventplatform.common.directory;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import io.eventplatform.common.consumer.VersionedWrites;
import io.eventplatform.common.contracts.MembershipEvents.MembershipSnapshot;
import io.eventplatform.common.security.Role;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.runtime.StartupEvent;

/**
 * This service's copy of org-service's memberships, in its own database, one document per membership. Roles are
 * kept a moment in the {@value #ROLES} cache (bounded, expiring; see microprofile-config.properties): this replica's
 * writes invalidate their entry, and the expiry bounds how long another replica's write may go unseen.
 */
@ApplicationScoped
@IfBuildProperty(name = "eventplatform.directory.enabled", stringValue = "true")
public class MembershipReplica {

    static final String COLLECTION = "membership_replica";
    static final String ROLES = "membership-roles";

    private final MongoCollection<Document> replica;
    private final Cache roles;

    public MembershipReplica(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            @CacheName(ROLES) Cache roles) {
        this.replica = mongo.getDatabase(database).getCollection(COLLECTION);
        this.roles = roles;
    }

    void createIndexes(@Observes StartupEvent startup) {
        replica.createIndex(Indexes.ascending("organization_id", "user_id"));
        replica.createIndex(Indexes.ascending("user_id"));
    }

    /** Applies a snapshot if it is newer than the stored one. */
    public boolean apply(MembershipSnapshot membership, long version) {
        boolean applied = VersionedWrites.applyIfNewer(replica, membership.id(), version, Updates.combine(
                Updates.set("organization_id", membership.organizationId()),
                Updates.set("user_id", membership.userId()),
                Updates.set("role", membership.role()),
                Updates.set("deleted", membership.removedAt() != null)));
        roles.invalidate(membership.organizationId() + "/" + membership.userId()).await().indefinitely();
        return applied;
    }

    /** The organizations in which the user has an active membership. */
    public java.util.List<String> organizationsOf(String userId) {
        return replica.find(Filters.and(Filters.eq("user_id", userId), Filters.eq("deleted", false)))
                .map(d -> d.getString("organization_id")).into(new java.util.ArrayList<>());
    }

    /** The active member's role; empty when this replica knows of no active membership. */
    public Optional<Role> role(String organizationId, String userId) {
        return roles.get(organizationId + "/" + userId, key -> stored(organizationId, userId)).await().indefinitely();
    }

    private Optional<Role> stored(String organizationId, String userId) {
        Document found = replica.find(Filters.and(Filters.eq("organization_id", organizationId),
                Filters.eq("user_id", userId), Filters.eq("deleted", false))).first();
        return Optional.ofNullable(found).map(d -> Role.valueOf(d.getString("role")));
    }
}
