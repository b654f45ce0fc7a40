package io.eventplatform.identity.rest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.eventplatform.identity.domain.User;

/** A user as the API shows it: never the password hash. */
public record UserView(
        @JsonProperty("_id") String id,
        String email,
        String name,
        String avatar,
        String phone,
        boolean emailVerified,
        Instant createdAt,
        Instant updatedAt,
        Instant lastLoginAt) {

    public static UserView of(User user) {
        return new UserView(user.id.toHexString(), user.email, user.name, user.avatar, user.phone, user.emailVerified,
                user.createdAt, user.updatedAt, user.lastLoginAt);
    }

    public record Wrapped(UserView user) {
    }

    public record WithToken(UserView user, String accessToken, String tokenType) {
        public static WithToken bearer(User user, String token) {
            return new WithToken(UserView.of(user), token, "bearer");
        }
    }
}
