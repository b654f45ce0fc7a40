package io.eventplatform.identity.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

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
import io.eventplatform.identity.config.AccountsConfig;
import io.eventplatform.identity.domain.OneTimeToken;
import io.eventplatform.identity.domain.User;
import io.eventplatform.identity.repository.UserRepository;
import io.eventplatform.identity.rest.AuthRequests;

@ApplicationScoped
public class UserService {

    static final String INVALID_LOGIN = "Incorrect email or password";
    static final String INVALID_VERIFICATION = "This verification code is invalid, was already used or has expired";
    static final String INVALID_RESET = "This reset token is invalid, was already used or has expired";
    static final String CONCURRENT = "The user was changed concurrently; try again";

    private final UserRepository users;
    private final OutboxRelay relay;
    private final PasswordPolicy passwords;
    private final LoginThrottle throttle;
    private final AccountMailer mailer;
    private final AccountsConfig config;
    /** Compared against when the email is unknown, so a failed login takes as long whether or not the user exists. */
    private final String timingEqualiserHash;

    public UserService(UserRepository users, OutboxRelay relay, PasswordPolicy passwords, LoginThrottle throttle,
            AccountMailer mailer, AccountsConfig config) {
        this.users = users;
        this.relay = relay;
        this.passwords = passwords;
        this.throttle = throttle;
        this.mailer = mailer;
        this.config = config;
        this.timingEqualiserHash = passwords.hash("timing-equaliser");
    }

    public User register(AuthRequests.Register request) {
        passwords.check("password", request.password(), request.email());
        Instant now = Clocks.now();
        User user = new User();
        user.id = new ObjectId();
        user.email = User.normaliseEmail(request.email());
        user.name = request.name().trim();
        user.phone = request.phone();
        user.avatar = request.avatar();
        user.passwordHash = passwords.hash(request.password());
        user.emailVerified = false;
        OneTimeToken.Issued verification = OneTimeToken.issue(user.id, now, config.verificationLifetime());
        user.emailVerification = verification.stored();
        user.createdAt = now;
        user.updatedAt = now;
        user.version = 1;
        user.outbox = new ArrayList<>(List.of(event(UserEvents.REGISTERED, user)));
        if (!users.insertIfEmailFree(user)) {
            throw ApiException.badRequest("Email already registered");
        }
        relay.nudge(User.COLLECTION, user.id);
        mailer.sendVerification(user, verification.secret());
        return user;
    }

    /** Checks the password of a login from {@code clientAddress}, throttled per account and per address. */
    public User login(String email, String password, String clientAddress) {
        throttle.admit(email, clientAddress);
        Optional<User> found = users.findByEmail(email);
        boolean matches = passwords.matches(password, found.map(u -> u.passwordHash).orElse(timingEqualiserHash));
        if (found.isEmpty() || !matches) {
            throttle.failed(email, clientAddress);
            throw ApiException.unauthorized(INVALID_LOGIN);
        }
        throttle.succeeded(email, clientAddress);
        User user = found.get();
        if (passwords.needsRehash(user.passwordHash)) {
            user = rehash(user, password);
        }
        user.lastLoginAt = Clocks.now();
        users.touchLastLogin(user.id, user.lastLoginAt);
        return user;
    }

    /**
     * Hashes the password again at the configured cost, unless it changed meanwhile: a hash of another cost would
     * make the account's failed logins take a different time from an unknown email's.
     */
    private User rehash(User user, String password) {
        String previous = user.passwordHash;
        String rehashed = passwords.hash(password);
        return save(user.id, false, u -> {
            if (u.passwordHash.equals(previous)) {
                u.passwordHash = rehashed;
            }
        });
    }

    /** The user a valid token names; a token for a user that no longer exists is not valid. */
    public User current(String userId) {
        return users.findByIdOptional(new ObjectId(userId))
                .orElseThrow(() -> ApiException.unauthorized("Could not validate credentials"));
    }

    public User update(String userId, AuthRequests.UpdateMe request) {
        if (request.password() != null && !request.password().isEmpty()) {
            throw ApiException.badRequest("The password is changed with POST /api/auth/password "
                    + "(current_password, new_password), not here");
        }
        if (request.name() == null && request.avatar() == null && request.phone() == null) {
            return current(userId);
        }
        return save(current(userId).id, true, user -> {
            if (request.name() != null) {
                user.name = request.name().trim();
            }
            if (request.avatar() != null) {
                user.avatar = request.avatar();
            }
            if (request.phone() != null) {
                user.phone = request.phone();
            }
        });
    }

    /**
     * Marks the caller's email verified if {@code secret} is its pending verification; it works once. Both are
     * needed: the mailbox (the secret) and the account (the caller), so neither someone who registered another
     * person's address nor that person opening the email can verify it alone.
     */
    public User verifyEmail(String callerId, String secret) {
        ObjectId id = OneTimeToken.userIdOf(secret).filter(userId -> userId.toHexString().equals(callerId))
                .orElseThrow(() -> ApiException.badRequest(INVALID_VERIFICATION));
        return save(id, true, user -> {
            if (user.emailVerification == null || !user.emailVerification.accepts(secret, Clocks.now())) {
                throw ApiException.badRequest(INVALID_VERIFICATION);
            }
            user.emailVerified = true;
            user.emailVerification = null;
        });
    }

    /** Sends a new verification email: at most one per {@code verification-resend-interval}. */
    public void resendVerification(String userId) {
        Instant now = Clocks.now();
        OneTimeToken.Issued issued = OneTimeToken.issue(new ObjectId(userId), now, config.verificationLifetime());
        User user = save(current(userId).id, false, u -> {
            if (u.emailVerified) {
                throw ApiException.badRequest("The email address is already verified");
            }
            Instant allowedFrom = u.emailVerification == null ? now
                    : u.emailVerification.issuedAt.plus(config.verificationResendInterval());
            if (now.isBefore(allowedFrom)) {
                throw ApiException.tooManyRequests("A verification email was sent a moment ago: check your inbox, "
                        + "or ask again later", Duration.between(now, allowedFrom));
            }
            u.emailVerification = issued.stored();
        });
        mailer.sendVerification(user, issued.secret());
    }

    /** Replaces the password when {@code currentPassword} is right; every token issued before stops working. */
    public User changePassword(String userId, String currentPassword, String newPassword, String clientAddress) {
        User user = current(userId);
        throttle.admit(user.email, clientAddress);
        if (!passwords.matches(currentPassword, user.passwordHash)) {
            throttle.failed(user.email, clientAddress);
            throw ApiException.badRequest("The current password is incorrect");
        }
        throttle.succeeded(user.email, clientAddress);
        passwords.check("new_password", newPassword, user.email);
        String hash = passwords.hash(newPassword);
        return save(user.id, true, u -> {
            u.passwordHash = hash;
            u.passwordReset = null;
            u.sessionEpoch++;
        });
    }

    /**
     * Emails a reset token if an account uses {@code email} (at most one per {@code reset-resend-interval}); the
     * caller answers the same either way, and no email is sent from this request's time.
     */
    public void requestPasswordReset(String email) {
        Instant now = Clocks.now();
        Optional<User> found = users.findByEmail(email);
        if (found.isEmpty() || (found.get().passwordReset != null
                && now.isBefore(found.get().passwordReset.issuedAt.plus(config.resetResendInterval())))) {
            return;
        }
        OneTimeToken.Issued issued = OneTimeToken.issue(found.get().id, now, config.resetLifetime());
        User user = save(found.get().id, false, u -> u.passwordReset = issued.stored());
        mailer.sendPasswordReset(user, issued.secret());
    }

    /**
     * Sets a new password with a reset token (once); every token issued before stops working, the account's login
     * locks are lifted, and the email counts as verified (the token came through it).
     */
    public User resetPassword(String secret, String newPassword, String clientAddress) {
        ObjectId id = OneTimeToken.userIdOf(secret).orElseThrow(() -> ApiException.badRequest(INVALID_RESET));
        User user = users.findByIdOptional(id).orElseThrow(() -> ApiException.badRequest(INVALID_RESET));
        if (user.passwordReset == null || !user.passwordReset.accepts(secret, Clocks.now())) {
            throw ApiException.badRequest(INVALID_RESET);
        }
        passwords.check("new_password", newPassword, user.email);
        String hash = passwords.hash(newPassword);
        User reset = save(id, true, u -> {
            if (u.passwordReset == null || !u.passwordReset.accepts(secret, Clocks.now())) {
                throw ApiException.badRequest(INVALID_RESET);
            }
            u.passwordHash = hash;
            u.passwordReset = null;
            u.emailVerified = true;
            u.emailVerification = null;
            u.sessionEpoch++;
        });
        throttle.unlock(reset.email, clientAddress);
        return reset;
    }

    /** Every token issued to the user so far stops working, at every service. */
    public void logOutEverywhere(String userId) {
        save(current(userId).id, true, u -> u.sessionEpoch++);
    }

    /**
     * Applies {@code change} to the stored user and saves it at the version it was read at, trying again from a
     * fresh read when another change came first. With {@code announced}, the change is published (a
     * {@code user.updated} event in the same write); a change only identity-service sees is not.
     */
    private User save(ObjectId id, boolean announced, Consumer<User> change) {
        return ConditionalSaves.untilSaved(CONCURRENT, attempt -> {
            User user = users.findByIdOptional(id).orElseThrow(() -> ApiException.unauthorized("Could not validate credentials"));
            change.accept(user);
            if (announced) {
                user.updatedAt = Clocks.now();
            }
            long expected = user.version;
            user.version = expected + 1;
            Optional<User> saved = users.saveIfUnchanged(user, expected,
                    announced ? List.of(event(UserEvents.UPDATED, user)) : List.of());
            if (announced) {
                saved.ifPresent(u -> relay.nudge(User.COLLECTION, u.id));
            }
            return saved;
        });
    }

    private static OutboxEntry event(String type, User user) {
        return OutboxEntry.of(AggregateType.USER,
                DomainEvent.of(AggregateType.USER, type, user.id.toHexString(), user.version, null, user.snapshot()));
    }
}
