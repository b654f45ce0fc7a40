package io.eventplatform.common.consumer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.eventplatform.common.mongo.ConditionalUpdates;

/**
 * Applies a snapshot only when it is newer than the stored one, in one conditional upsert: a duplicate or an older
 * version matches nothing, and its upsert collides with the existing {@code _id}, so it changes nothing.
 */
public final class VersionedWrites {

    public static final String VERSION = "version";

    private VersionedWrites() {
    }

    /** Returns true when the document now holds {@code version}; false when it already held that or a newer one. */
    public static boolean applyIfNewer(MongoCollection<Document> collection, Object id, long version, Bson update) {
        return applyIfNewer(collection, Filters.eq("_id", id), VERSION, version, update);
    }

    /**
     * The same for a version kept in {@code versionField} (one document can hold the versions of several aggregates,
     * or only some of its fields come from this one), on the document that {@code filter} names by {@code _id} and
     * may restrict further. A document without that version yet is updated too.
     */
    public static boolean applyIfNewer(MongoCollection<Document> collection, Bson filter, String versionField, long version,
            Bson update) {
        return ConditionalUpdates.updateOne(collection, Filters.and(filter,
                Filters.or(Filters.lt(versionField, version), Filters.exists(versionField, false))),
                Updates.combine(update, Updates.set(versionField, version)), true);
    }

    /** A snapshot's fields to set on document {@code id} if {@code version} is newer than the stored one. */
    public record VersionedFields(Object id, long version, Document fields) {
    }

    /**
     * {@link #applyIfNewer} for a consumer's batch in two store operations: the stored versions are read, and only
     * the newest version per document, if newer than the stored one, is written (one unordered bulk write by
     * {@code _id}). It relies on the consumer of a partition being the only writer of that partition's aggregates.
     */
    public static void applyAllIfNewer(MongoCollection<Document> collection, List<VersionedFields> batch) {
        Map<Object, VersionedFields> newest = new LinkedHashMap<>();
        batch.forEach(v -> newest.merge(v.id(), v, (a, b) -> b.version() > a.version() ? b : a));
        if (newest.isEmpty()) {
            return;
        }
        Map<Object, Long> stored = new HashMap<>();
        collection.find(Filters.in("_id", newest.keySet())).projection(Projections.include(VERSION))
                .forEach(d -> stored.put(d.get("_id"), d.get(VERSION, Number.class).longValue()));
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        newest.values().stream().filter(v -> v.version() > stored.getOrDefault(v.id(), 0L))
                .forEach(v -> writes.add(new UpdateOneModel<>(Filters.eq("_id", v.id()),
                        new Document("$set", new Document(v.fields()).append(VERSION, v.version())),
                        new UpdateOptions().upsert(true))));
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    /** Stores a full snapshot as the replica document {@code {_id, version, deleted, data}}. */
    public static boolean replaceIfNewer(MongoCollection<Document> collection, Object id, long version,
            Document snapshot, boolean deleted) {
        return applyIfNewer(collection, id, version,
                Updates.combine(Updates.set("data", snapshot), Updates.set("deleted", deleted)));
    }
}
