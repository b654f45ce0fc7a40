package io.eventplatform.common.pagination;

import java.util.ArrayList;
import java.util.List;

import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;

/**
 * One page of a list endpoint and how many items match in all. The page is read first and the count is asked for
 * only when the page does not tell it (a short page is the last one), because counting on a field other than a
 * unique one makes the embedded store scan the collection.
 */
public record Page<T>(List<T> items, long total) {

    /** The requested page of what matches {@code filter}, newest first ({@code _id} orders equal times, so pages are stable). */
    public static <T> Page<T> newestFirst(MongoCollection<T> collection, Bson filter, PageRequest request) {
        List<T> items = collection.find(filter).sort(Sorts.descending("created_at", "_id"))
                .skip(request.skip()).limit(request.limit()).into(new ArrayList<>());
        boolean lastPage = items.size() < request.limit() && (!items.isEmpty() || request.skip() == 0);
        long total = lastPage ? request.skip() + items.size() : collection.countDocuments(filter);
        return new Page<>(items, total);
    }
}
