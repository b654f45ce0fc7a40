package io.eventplatform.identity.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.types.ObjectId;

import io.eventplatform.common.contracts.UserEvents.UserSnapshot;
import io.eventplatform.common.outbox.OutboxEntry;
import io.quarkus.mongodb.panache.common.MongoEntity;

/** A user account. {@code email} is stored normalised (trimmed, lower case) and is unique. */
@MongoEntity(collection = User.COLLECTION)
public class User {

    public static final String COLLECTION = "users";

    public ObjectId id;
    public String email;
    public String name;
    public String avatar;
    public String phone;
    public String passwordHash;
    public boolean emailVerified;
    /** Raised by a password change or reset and by "log out everywhere": tokens of an older epoch are refused. */
    public long sessionEpoch;
    /** The pending email verification, if one was sent and not used. */
    public OneTimeToken emailVerification;
    /** The pending password reset, if one was asked for and not used. */
    public OneTimeToken passwordReset;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant lastLoginAt;
    public long version;
    public List<OutboxEntry> outbox = new ArrayList<>();

    public static String normaliseEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public UserSnapshot snapshot() {
        return new UserSnapshot(id.toHexString(), email, name, avatar, phone, emailVerified, createdAt, updatedAt,
                sessionEpoch);
    }
}
