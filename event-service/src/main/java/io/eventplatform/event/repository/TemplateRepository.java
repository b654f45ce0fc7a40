package io.eventplatform.event.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;

import io.eventplatform.common.mongo.ById;
import io.eventplatform.common.mongo.ConditionalUpdates;
import io.eventplatform.common.mongo.EntityUpdates;
import io.eventplatform.common.outbox.OutboxEntry;
import io.eventplatform.event.domain.Template;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;

@ApplicationScoped
public class TemplateRepository implements PanacheMongoRepositoryBase<Template, ObjectId> {

    void createIndexes(@Observes StartupEvent startup) {
        mongoCollection().createIndex(Indexes.ascending("organization_id"));
        mongoCollection().createIndex(Indexes.descending("created_at"));
    }

    public Optional<Template> findLive(ObjectId id) {
        return ById.find(mongoCollection(), id, found -> found.deletedAt == null);
    }

    public List<Template> liveOf(String organizationId) {
        return mongoCollection().find(Filters.and(Filters.eq("organization_id", organizationId), Filters.eq("deleted_at", null)))
                .sort(Sorts.descending("created_at")).into(new ArrayList<>());
    }

    /** Marks the template deleted with its event, unless it already was. */
    public boolean markDeleted(Template template, OutboxEntry event) {
        return ConditionalUpdates.updateOne(mongoCollection(), Filters.and(Filters.eq("_id", template.id), Filters.eq("deleted_at", null)),
                EntityUpdates.saveWithEvents(template, mongoCollection().getCodecRegistry(), List.of(event)));
    }
}
