package io.eventplatform.common.mongo;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndDeleteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;

/**
 * Conditional single-document writes ({@code _id} plus conditions) as {@code findOneAndUpdate} /
 * {@code findOneAndDelete}, single-document atomic on MongoDB.
 * <p>
 * The embedded mongo-java-server uses an index only for a filter whose top-level keys are exactly that index's keys
 * (never for {@code $and}, which is what {@code Filters.and} sends): {@code {_id, version}} scans the whole
 * collection. A save at a version is therefore written as the flat filter of {@link #atVersion}, answered from the
 * unique index {@code (_id, field)} that {@link #indexVersions} creates (measured at 20,000 documents: 0.6 ms
 * against 18 ms by scan, and the scan grows with the collection). On MongoDB either index answers it.
 */
public final class ConditionalUpdates {

    private static final Bson ID_ONLY = Projections.include("_id");

    private ConditionalUpdates() {
    }

    /** The document {@code id} while its {@code field} (a version or revision) is still {@code value}. */
    public static Bson atVersion(Object id, String field, long value) {
        return new Document("_id", id).append(field, value);
    }

    /** The unique index that answers {@link #atVersion} filters on {@code field} without a scan. */
    public static void indexVersions(MongoCollection<?> collection, String field) {
        collection.createIndex(Indexes.ascending("_id", field), new IndexOptions().unique(true));
    }

    /**
     * Applies {@code update} to the document matching {@code filter}; true when one matched (or was upserted). With
     * {@code upsert}, a document that exists but does not meet the conditions makes the insert collide with its
     * {@code _id}: nothing changes and the answer is false.
     */
    public static boolean updateOne(MongoCollection<?> collection, Bson filter, Bson update, boolean upsert) {
        try {
            return collection.withDocumentClass(Document.class).findOneAndUpdate(filter, update,
                    new FindOneAndUpdateOptions().projection(ID_ONLY).upsert(upsert).returnDocument(ReturnDocument.AFTER)) != null;
        } catch (MongoServerException e) {
            if (upsert && ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                // The document exists now (maybe inserted a moment ago by a concurrent upsert): the filter decides.
                return updateOne(collection, filter, update, false);
            }
            throw e;
        }
    }

    public static boolean updateOne(MongoCollection<?> collection, Bson filter, Bson update) {
        return updateOne(collection, filter, update, false);
    }

    /** Deletes the document matching {@code filter}; true when one matched. */
    public static boolean deleteOne(MongoCollection<?> collection, Bson filter) {
        return collection.withDocumentClass(Document.class).findOneAndDelete(filter,
                new FindOneAndDeleteOptions().projection(ID_ONLY)) != null;
    }
}
