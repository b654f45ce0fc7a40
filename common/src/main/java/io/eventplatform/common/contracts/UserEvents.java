package io.eventplatform.common.contracts;

import java.time.Instant;

/** identity-service's user events on {@code platform.users}; the snapshot never carries the password hash. */
public final class UserEvents {

    public static final String REGISTERED = "user.registered";
    public static final String UPDATED = "user.updated";

    private UserEvents() {
    }

    public record UserSnapshot(
            String id,
            String email,
            String name,
            String avatar,
            String phone,
            boolean emailVerified,
            Instant createdAt,
            Instant updatedAt) {
    }
}
