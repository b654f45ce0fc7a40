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

import io.eventplatform.common.cache.ShortLivedCache;
import io.eventplatform.common.consumer.VersionedWrites;
import io.eventplatform.common.contracts.MembershipEvents.MembershipSnapshot;
import io.eventplatform.common.security.Role;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;

/** This service's copy of org-service's memberships, in its own database, one document per membership. */
@ApplicationScoped
@IfBuildProperty(name = "eventplatform.directory.enabled", stringValue = "true")
public class MembershipReplica {

    static final String COLLECTION = "membership_replica";

    private final MongoCollection<Document> replica;
    private final ShortLivedCache<String, Role> roles = new ShortLivedCache<>(java.time.Duration.ofMillis(500));

    public MembershipReplica(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.replica = mongo.getDatabase(database).getCollection(COLLECTION);
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
        roles.invalidate(membership.organizationId() + "/" + membership.userId());
        return applied;
    }

    /** The organizations in which the user has an active membership. */
    public java.util.List<String> organizationsOf(String userId) {
        return replica.find(Filters.and(Filters.eq("user_id", userId), Filters.eq("deleted", false)))
                .map(d -> d.getString("organization_id")).into(new java.util.ArrayList<>());
    }

    /** The active member's role; empty when this replica knows of no active membership. */
    public Optional<Role> role(String organizationId, String userId) {
        return roles.get(organizationId + "/" + userId, () -> stored(organizationId, userId));
    }

    private Optional<Role> stored(String organizationId, String userId) {
        Document found = replica.find(Filters.and(Filters.eq("organization_id", organizationId),
                Filters.eq("user_id", userId), Filters.eq("deleted", false))).first();
        return Optional.ofNullable(found).map(d -> Role.valueOf(d.getString("role")));
    }
}
