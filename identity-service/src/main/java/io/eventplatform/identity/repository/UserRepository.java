package io.eventplatform.identity.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import io.eventplatform.common.mongo.ConditionalUpdates;
import io.eventplatform.common.mongo.EntityUpdates;
import io.eventplatform.common.mongo.UniqueInserts;
import io.eventplatform.common.outbox.OutboxEntry;
import io.eventplatform.identity.domain.User;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;

@ApplicationScoped
public class UserRepository implements PanacheMongoRepositoryBase<User, ObjectId> {

    void createIndexes(@Observes StartupEvent startup) {
        mongoCollection().createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        ConditionalUpdates.indexVersions(mongoCollection(), "version");
        mongoCollection().createIndex(Indexes.descending("created_at"));
    }

    /** Inserts the user with its outbox in one write; false when the email is taken (the unique index decides). */
    public boolean insertIfEmailFree(User user) {
        return UniqueInserts.insertIfAbsent(mongoCollection(), user);
    }

    public Optional<User> findByEmail(String email) {
        return Optional.ofNullable(mongoCollection().find(Filters.eq("email", User.normaliseEmail(email))).first());
    }

    /**
     * Saves the user's new state with its events (none for a change no other service sees) only if it is still at
     * {@code expectedVersion}: the change and its events are one single-document write. Empty when another change
     * came first.
     */
    public Optional<User> saveIfUnchanged(User user, long expectedVersion, List<OutboxEntry> events) {
        return Optional.ofNullable(mongoCollection().findOneAndUpdate(
                ConditionalUpdates.atVersion(user.id, "version", expectedVersion),
                EntityUpdates.saveWithEvents(user, mongoCollection().getCodecRegistry(), events),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    public void touchLastLogin(ObjectId id, java.time.Instant at) {
        mongoCollection().updateOne(Filters.eq("_id", id), Updates.set("last_login_at", at));
    }
}
