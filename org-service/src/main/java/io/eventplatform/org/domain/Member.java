package io.eventplatform.org.domain;

import java.time.Instant;

import org.bson.types.ObjectId;

import io.eventplatform.common.contracts.MembershipEvents.MembershipSnapshot;
import io.eventplatform.common.security.Role;

/**
 * A membership (the prototype's {@code user_organizations} document), embedded in its organization so that
 * adding, changing and removing members, and the rule that an organization keeps one manager, are single-document
 * writes. Its {@code version} is the membership aggregate's.
 */
public class Member {

    public ObjectId id;
    public String userId;
    public Role role;
    public boolean canCreateEvents;
    public boolean canManageAttendees;
    public boolean canViewAnalytics;
    public boolean canExportData;
    public String invitedBy;
    public Instant joinedAt;
    public Instant updatedAt;
    public long version;

    public boolean manages() {
        return role == Role.ORGANIZER || role == Role.SUPER_ADMIN;
    }

    public MembershipSnapshot snapshot(String organizationId, Instant removedAt) {
        return new MembershipSnapshot(id.toHexString(), userId, organizationId, role.name(), canCreateEvents,
                canManageAttendees, canViewAnalytics, canExportData, invitedBy, joinedAt, updatedAt, removedAt);
    }
}
