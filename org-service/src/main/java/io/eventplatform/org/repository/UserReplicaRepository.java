package io.eventplatform.org.repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import io.eventplatform.common.consumer.VersionedWrites;
import io.eventplatform.common.contracts.UserEvents.UserSnapshot;
import io.quarkus.runtime.StartupEvent;

/** org-service's copy of identity-service's users: names and emails for member lists and add-by-email. */
@ApplicationScoped
public class UserReplicaRepository {

    private final MongoCollection<Document> users;

    public UserReplicaRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.users = mongo.getDatabase(database).getCollection("user_replica");
    }

    void createIndexes(@Observes StartupEvent startup) {
        users.createIndex(Indexes.ascending("email"));
    }

    public boolean apply(UserSnapshot user, long version) {
        return VersionedWrites.applyIfNewer(users, user.id(), version,
                Updates.combine(Updates.set("email", user.email()), Updates.set("name", user.name())));
    }

    public Optional<KnownUser> byEmail(String normalisedEmail) {
        return Optional.ofNullable(users.find(Filters.eq("email", normalisedEmail)).first()).map(KnownUser::of);
    }

    public List<KnownUser> byIds(Collection<String> ids) {
        return users.find(Filters.in("_id", ids)).map(KnownUser::of).into(new java.util.ArrayList<>());
    }

    public record KnownUser(String id, String email, String name) {
        static KnownUser of(Document d) {
            return new KnownUser(d.getString("_id"), d.getString("email"), d.getString("name"));
        }
    }
}
