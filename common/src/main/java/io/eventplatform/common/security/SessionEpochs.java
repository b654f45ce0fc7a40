package io.eventplatform.common.security;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.eventplatform.common.consumer.DomainEventHandler;
import io.eventplatform.common.contracts.UserEvents.UserSnapshot;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Token revocation, the same in every service. identity-service raises a user's {@code session_epoch} when the
 * password is changed or reset and on "log out everywhere", signs the current epoch into each token it issues
 * ({@value #CLAIM}), and publishes it with the user on {@code platform.users}. Every service keeps the epochs it
 * heard of in its own database (only users who ever revoked have one: epochs only rise, so a {@code $max} upsert is
 * idempotent and order-tolerant) and refuses a token signed under an older epoch: 401, as for an expired token.
 * Epochs are kept {@link #KEPT} in memory; a revocation is enforced within its event's delivery plus that.
 */
@ApplicationScoped
public class SessionEpochs implements DomainEventHandler, SecurityIdentityAugmentor {

    public static final String CLAIM = "session_epoch";
    static final String COLLECTION = "session_epochs";
    static final Duration KEPT = Duration.ofMillis(500);

    private final MongoCollection<Document> epochs;
    private final Cache<String, Long> recent = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(KEPT).build();

    public SessionEpochs(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.epochs = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.USER;
    }

    @Override
    public void handle(DomainEvent event) {
        handleAll(List.of(event));
    }

    @Override
    public void handleAll(List<DomainEvent> events) {
        List<UserSnapshot> raised = events.stream().map(e -> e.dataAs(UserSnapshot.class))
                .filter(user -> user.sessionEpoch() > 0).toList();
        if (raised.isEmpty()) {
            return;
        }
        epochs.bulkWrite(raised.stream().map(user -> new UpdateOneModel<Document>(Filters.eq("_id", user.id()),
                Updates.max("epoch", user.sessionEpoch()), new UpdateOptions().upsert(true))).toList(),
                new BulkWriteOptions().ordered(false));
        raised.forEach(user -> recent.invalidate(user.id()));
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> {
            if (isRevoked(token)) {
                throw new AuthenticationFailedException("The token was revoked");
            }
            return identity;
        });
    }

    /** Whether the token was issued under an older epoch than its user's current one. */
    public boolean isRevoked(JsonWebToken token) {
        if (token.getSubject() == null) {
            return false;
        }
        Object claimed = token.getClaim(CLAIM);
        long epoch = claimed == null ? 0 : new java.math.BigDecimal(claimed.toString()).longValue();
        return epoch < current(token.getSubject());
    }

    private long current(String userId) {
        return recent.get(userId, id -> {
            Document stored = epochs.find(Filters.eq("_id", id)).first();
            return stored == null ? 0L : stored.get("epoch", Number.class).longValue();
        });
    }
}
