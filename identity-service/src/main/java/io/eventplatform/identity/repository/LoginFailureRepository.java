package io.eventplatform.identity.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import io.eventplatform.common.mongo.ConditionalUpdates;
import io.eventplatform.common.mongo.UniqueInserts;
import io.eventplatform.identity.config.AccountsConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Failed-login counts, one document per throttled key ("account:…", "address:…"). A count changes only from the
 * value it was read at (a compare-and-set on {@code (_id, failures)}), so parallel attempts are each counted.
 */
@ApplicationScoped
public class LoginFailureRepository {

    static final String COLLECTION = "login_failures";

    private final MongoCollection<Document> failures;

    private final Duration forgetAfter;

    public LoginFailureRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            AccountsConfig config) {
        this.failures = mongo.getDatabase(database).getCollection(COLLECTION);
        this.forgetAfter = config.loginThrottle().forgetAfter();
    }

    /** MongoDB removes a count once it is forgotten (TTL index); the embedded store ignores TTL, and keeps them. */
    void createIndexes(@Observes StartupEvent startup) {
        ConditionalUpdates.indexVersions(failures, "failures");
        failures.createIndex(Indexes.ascending("last_failure_at"),
                new IndexOptions().expireAfter(forgetAfter.toSeconds(), TimeUnit.SECONDS));
    }

    public record Failures(String key, long count, Instant lastFailureAt, Instant lockedUntil) {
    }

    public Optional<Failures> find(String key) {
        Document found = failures.find(Filters.eq("_id", key)).first();
        return Optional.ofNullable(found).map(d -> new Failures(key, d.get("failures", Number.class).longValue(),
                instant(d.getDate("last_failure_at")), instant(d.getDate("locked_until"))));
    }

    /** Stores {@code next} if the key still holds {@code current} (none: absent); false when another came first. */
    public boolean replace(Optional<Failures> current, Failures next) {
        if (current.isEmpty()) {
            return UniqueInserts.insertIfAbsent(failures, new Document("_id", next.key()).append("failures", next.count())
                    .append("last_failure_at", date(next.lastFailureAt())).append("locked_until", date(next.lockedUntil())));
        }
        return ConditionalUpdates.updateOne(failures,
                ConditionalUpdates.atVersion(next.key(), "failures", current.get().count()),
                Updates.combine(Updates.set("failures", next.count()),
                        Updates.set("last_failure_at", date(next.lastFailureAt())),
                        Updates.set("locked_until", date(next.lockedUntil()))));
    }

    public void clear(String key) {
        failures.deleteOne(Filters.eq("_id", key));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
