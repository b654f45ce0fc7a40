package io.eventplatform.common.contracts;

import java.time.Instant;

/**
 * org-service's membership events on {@code platform.memberships}, keyed by membership id. A removed membership's
 * last snapshot has {@code removed_at} set; the membership directory of every service is built from these.
 */
public final class MembershipEvents {

    public static final String ADDED = "membership.added";
    public static final String CHANGED = "membership.changed";
    public static final String REMOVED = "membership.removed";

    private MembershipEvents() {
    }

    public record MembershipSnapshot(
            String id,
            String userId,
            String organizationId,
            String role,
            boolean canCreateEvents,
            boolean canManageAttendees,
            boolean canViewAnalytics,
            boolean canExportData,
            String invitedBy,
            Instant joinedAt,
            Instant updatedAt,
            Instant removedAt) {
    }
}
