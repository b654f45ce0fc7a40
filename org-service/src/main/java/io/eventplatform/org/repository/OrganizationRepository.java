package io.eventplatform.org.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;

import io.eventplatform.common.mongo.ById;
import io.eventplatform.common.mongo.ConditionalUpdates;
import io.eventplatform.common.mongo.EntityUpdates;
import io.eventplatform.common.mongo.UniqueInserts;
import io.eventplatform.common.outbox.OutboxEntry;
import io.eventplatform.org.domain.Organization;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;

@ApplicationScoped
public class OrganizationRepository implements PanacheMongoRepositoryBase<Organization, ObjectId> {

    void createIndexes(@Observes StartupEvent startup) {
        mongoCollection().createIndex(Indexes.ascending("slug"), new IndexOptions().unique(true));
        ConditionalUpdates.indexVersions(mongoCollection(), "revision");
        mongoCollection().createIndex(Indexes.descending("created_at"));
        mongoCollection().createIndex(Indexes.ascending("members.user_id"));
    }

    /** Inserts the organization, its first member and their events in one write; false if the slug is taken. */
    public boolean insertIfSlugFree(Organization organization) {
        return UniqueInserts.insertIfAbsent(mongoCollection(), organization);
    }

    public Optional<Organization> findActive(ObjectId id) {
        return ById.find(mongoCollection(), id, found -> found.deletedAt == null);
    }

    public List<Organization> findActiveByMember(String userId) {
        return mongoCollection().find(Filters.and(Filters.eq("members.user_id", userId), Filters.eq("deleted_at", null)))
                .sort(Sorts.descending("created_at")).into(new java.util.ArrayList<>());
    }

    /**
     * Saves the organization's new state and queues its events, only if nobody wrote it since it was read at
     * {@code expectedRevision}. False when another write came first (the caller reads again and retries).
     */
    public boolean saveIfUnchanged(Organization organization, long expectedRevision, List<OutboxEntry> events) {
        return ConditionalUpdates.updateOne(mongoCollection(),
                ConditionalUpdates.atVersion(organization.id, "revision", expectedRevision),
                EntityUpdates.saveWithEvents(organization, mongoCollection().getCodecRegistry(), events));
    }

}
