package io.eventplatform.common.mongo;

import java.util.Optional;
import java.util.function.Predicate;

import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/**
 * Reads of one document that must also meet a condition (not deleted, say). The filter is {@code _id} alone and the
 * condition is checked on what comes back: the embedded store answers {@code {_id, deleted_at: null}} by scanning the
 * collection (see {@link ConditionalUpdates}), and {@code {_id}} from its index. On MongoDB both use the index.
 */
public final class ById {

    private ById() {
    }

    public static <T> Optional<T> find(MongoCollection<T> collection, Object id, Predicate<T> condition) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first()).filter(condition);
    }

    /** With only the fields {@code projection} keeps. */
    public static <T> Optional<T> find(MongoCollection<T> collection, Object id, Bson projection, Predicate<T> condition) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id)).projection(projection).first()).filter(condition);
    }
}
