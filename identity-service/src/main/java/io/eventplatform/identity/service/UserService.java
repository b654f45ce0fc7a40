package io.eventplatform.identity.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Updates;

import io.eventplatform.common.contracts.UserEvents;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.outbox.OutboxEntry;
import io.eventplatform.common.outbox.OutboxRelay;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.identity.domain.User;
import io.eventplatform.identity.repository.UserRepository;
import io.eventplatform.identity.rest.AuthRequests;
import io.quarkus.elytron.security.common.BcryptUtil;

@ApplicationScoped
public class UserService {

    static final String INVALID_LOGIN = "Incorrect email or password";
    private static final int MAX_UPDATE_ATTEMPTS = 10;

    private final UserRepository users;
    private final OutboxRelay relay;
    /** Compared against when the email is unknown, so a failed login takes as long whether or not the user exists. */
    private final String timingEqualiserHash = BcryptUtil.bcryptHash("timing-equaliser");

    public UserService(UserRepository users, OutboxRelay relay) {
        this.users = users;
        this.relay = relay;
    }

    public User register(AuthRequests.Register request) {
        Instant now = Clocks.now();
        User user = new User();
        user.id = new ObjectId();
        user.email = User.normaliseEmail(request.email());
        user.name = request.name().trim();
        user.phone = request.phone();
        user.avatar = request.avatar();
        user.passwordHash = BcryptUtil.bcryptHash(request.password());
        user.emailVerified = false;
        user.createdAt = now;
        user.updatedAt = now;
        user.version = 1;
        user.outbox = new ArrayList<>(List.of(event(UserEvents.REGISTERED, user)));
        if (!users.insertIfEmailFree(user)) {
            throw ApiException.badRequest("Email already registered");
        }
        relay.nudge(User.COLLECTION, user.id);
        return user;
    }

    public User login(String email, String password) {
        Optional<User> found = users.findByEmail(email);
        String hash = found.map(u -> u.passwordHash).orElse(timingEqualiserHash);
        boolean matches = BcryptUtil.matches(password, hash);
        if (found.isEmpty() || !matches) {
            throw ApiException.unauthorized(INVALID_LOGIN);
        }
        User user = found.get();
        user.lastLoginAt = Clocks.now();
        users.touchLastLogin(user.id, user.lastLoginAt);
        return user;
    }

    /** The user a valid token names; a token for a user that no longer exists is not valid. */
    public User current(String userId) {
        return users.findByIdOptional(new ObjectId(userId))
                .orElseThrow(() -> ApiException.unauthorized("Could not validate credentials"));
    }

    public User update(String userId, AuthRequests.UpdateMe request) {
        for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            User user = current(userId);
            List<Bson> changes = new ArrayList<>();
            if (request.name() != null) {
                user.name = request.name().trim();
                changes.add(Updates.set("name", user.name));
            }
            if (request.avatar() != null) {
                user.avatar = request.avatar();
                changes.add(Updates.set("avatar", user.avatar));
            }
            if (request.phone() != null) {
                user.phone = request.phone();
                changes.add(Updates.set("phone", user.phone));
            }
            if (changes.isEmpty()) {
                return user;
            }
            user.updatedAt = Clocks.now();
            changes.add(Updates.set("updated_at", user.updatedAt));
            long expected = user.version;
            user.version = expected + 1;
            Optional<User> updated = users.updateAtVersion(user.id, expected, Updates.combine(changes),
                    event(UserEvents.UPDATED, user));
            if (updated.isPresent()) {
                relay.nudge(User.COLLECTION, user.id);
                return updated.get();
            }
        }
        throw new ApiException(409, "The user was changed concurrently; try again");
    }

    private static OutboxEntry event(String type, User user) {
        return OutboxEntry.of(AggregateType.USER,
                DomainEvent.of(AggregateType.USER, type, user.id.toHexString(), user.version, null, user.snapshot()));
    }
}
