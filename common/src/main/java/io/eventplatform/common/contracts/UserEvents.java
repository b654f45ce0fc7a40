package io.eventplatform.common.contracts;

import java.time.Instant;

/**
 * identity-service's user events on {@code platform.users}; the snapshot never carries the password hash.
 * {@code session_epoch} rises when the user changes or resets the password or logs out everywhere: every service
 * refuses tokens issued under an older one ({@link io.eventplatform.common.security.SessionEpochs}).
 */
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
            Instant updatedAt,
            long sessionEpoch) {
    }
}
