package io.eventplatform.registration.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import io.eventplatform.common.mongo.ConditionalUpdates;
import io.eventplatform.registration.domain.CheckInList;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;

/**
 * The stored check-in lists. A scan reads its list from a cache that keeps each list {@link #KEPT}: a change made
 * through this replica counts at once, one made through another replica within that time.
 */
@ApplicationScoped
public class CheckInListRepository implements PanacheMongoRepositoryBase<CheckInList, ObjectId> {

    static final Duration KEPT = Duration.ofSeconds(2);

    private final CachedById<CheckInList> recent = new CachedById<>(KEPT, this::findByIdOptional);

    void createIndexes(@Observes StartupEvent startup) {
        mongoCollection().createIndex(Indexes.ascending("event_id", "name"), new IndexOptions().unique(true));
        ConditionalUpdates.indexVersions(mongoCollection(), "version");
    }

    /** The stored list, as of at most {@link #KEPT} ago. */
    public Optional<CheckInList> recent(ObjectId id) {
        return recent.get(id);
    }

    /** The event's stored lists, oldest first. */
    public List<CheckInList> ofEvent(String eventId) {
        List<CheckInList> lists = mongoCollection().find(Filters.eq("event_id", eventId)).into(new ArrayList<>());
        lists.sort(Comparator.comparing((CheckInList list) -> list.createdAt).thenComparing(list -> list.id));
        return lists;
    }

    /** False when the event already has a list of that name. */
    public boolean insertIfAbsent(CheckInList list) {
        return recent.insertIfAbsent(mongoCollection(), list.id, list);
    }

    /** Saves the list if it is still at {@code expectedVersion}; false when another change came first. */
    public boolean saveIfUnchanged(CheckInList list, long expectedVersion) {
        return recent.saveIfUnchanged(mongoCollection(), list.id, list, expectedVersion);
    }

    public void remove(ObjectId id) {
        deleteById(id);
        recent.forget(id);
    }
}
