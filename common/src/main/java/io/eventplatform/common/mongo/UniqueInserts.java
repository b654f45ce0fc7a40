package io.eventplatform.common.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;

/** Inserts that let a unique index decide a race (one email, one slug): the loser learns it, nothing is half-written. */
public final class UniqueInserts {

    private UniqueInserts() {
    }

    /** False when a unique index already holds the document's key. */
    public static <T> boolean insertIfAbsent(MongoCollection<T> collection, T document) {
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    public static boolean isDuplicateKey(MongoWriteException e) {
        return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
