package io.eventplatform.identity.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import io.eventplatform.common.contracts.UserEvents;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.mongo.ConditionalSaves;
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
        return ConditionalSaves.untilSaved("The user was changed concurrently; try again", attempt -> {
            User user = current(userId);
            if (request.name() == null && request.avatar() == null && request.phone() == null) {
                return Optional.of(user);
            }
            if (request.name() != null) {
                user.name = request.name().trim();
            }
            if (request.avatar() != null) {
                user.avatar = request.avatar();
            }
            if (request.phone() != null) {
                user.phone = request.phone();
            }
            user.updatedAt = Clocks.now();
            long expected = user.version;
            user.version = expected + 1;
            Optional<User> updated = users.saveIfUnchanged(user, expected, event(UserEvents.UPDATED, user));
            updated.ifPresent(u -> relay.nudge(User.COLLECTION, u.id));
            return updated;
        });
    }

    private static OutboxEntry event(String type, User user) {
        return OutboxEntry.of(AggregateType.USER,
                DomainEvent.of(AggregateType.USER, type, user.id.toHexString(), user.version, null, user.snapshot()));
    }
}
