package io.eventplatform.common.consumer;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
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
        return ConditionalUpdates.updateOne(collection, Filters.and(Filters.eq("_id", id), Filters.lt(VERSION, version)),
                Updates.combine(update, Updates.set(VERSION, version)), true);
    }

    /** Stores a full snapshot as the replica document {@code {_id, version, deleted, data}}. */
    public static boolean replaceIfNewer(MongoCollection<Document> collection, Object id, long version,
            Document snapshot, boolean deleted) {
        return applyIfNewer(collection, id, version,
                Updates.combine(Updates.set("data", snapshot), Updates.set("deleted", deleted)));
    }
}
