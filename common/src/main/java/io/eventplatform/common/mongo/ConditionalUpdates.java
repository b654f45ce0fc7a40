package io.eventplatform.common.mongo;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndDeleteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;

/**
 * Conditional single-document writes ({@code _id} plus conditions) as {@code findOneAndUpdate} /
 * {@code findOneAndDelete}. Both are single-document atomic on MongoDB; the embedded mongo-java-server looks the
 * document up by {@code _id} for these, whereas its {@code update}/{@code delete} commands scan the whole collection
 * when the filter has more than {@code _id} (measured: 2 ms against 50 ms at 50,000 documents).
 */
public final class ConditionalUpdates {

    private static final Bson ID_ONLY = Projections.include("_id");

    private ConditionalUpdates() {
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
