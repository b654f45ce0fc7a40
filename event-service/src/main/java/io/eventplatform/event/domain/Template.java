package io.eventplatform.event.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.ObjectId;

import io.eventplatform.common.contracts.EventEvents.TemplateSnapshot;
import io.eventplatform.common.outbox.OutboxEntry;
import io.quarkus.mongodb.panache.common.MongoEntity;

/** An event template: defaults for new events and their ticket types. */
@MongoEntity(collection = Template.COLLECTION)
public class Template {

    public static final String COLLECTION = "templates";

    public ObjectId id;
    public String organizationId;
    public String name;
    public String description;
    public String category;
    public Document templateData;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant deletedAt;
    public long version;
    public List<OutboxEntry> outbox = new ArrayList<>();

    public String idHex() {
        return id.toHexString();
    }

    public TemplateSnapshot snapshot() {
        return new TemplateSnapshot(idHex(), organizationId, name, description, category,
                templateData == null ? Map.of() : templateData, createdAt, updatedAt, deletedAt);
    }
}
