package io.eventplatform.common.security;

import static io.eventplatform.common.security.Permission.*;

import java.util.EnumSet;
import java.util.Set;

/** An organization role and what it may do: the one Java copy of {@code app/rbac.py}'s ROLE_PERMISSIONS. */
public enum Role {
    SUPER_ADMIN(EnumSet.allOf(Permission.class)),
    ORGANIZER(EnumSet.of(CREATE_EVENT, EDIT_EVENT, DELETE_EVENT, PUBLISH_EVENT, DUPLICATE_EVENT,
            VIEW_ATTENDEES, MANAGE_ATTENDEES, EXPORT_ATTENDEES, CHECK_IN_ATTENDEES,
            VIEW_ANALYTICS, VIEW_REVENUE, MANAGE_TEMPLATES)),
    STAFF(EnumSet.of(VIEW_ATTENDEES, MANAGE_ATTENDEES, CHECK_IN_ATTENDEES, VIEW_ANALYTICS)),
    ATTENDEE(EnumSet.noneOf(Permission.class));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }

    public boolean hasAny(Permission... wanted) {
        for (Permission p : wanted) {
            if (has(p)) {
                return true;
            }
        }
        return false;
    }

    public boolean hasAll(Permission... wanted) {
        for (Permission p : wanted) {
            if (!has(p)) {
                return false;
            }
        }
        return true;
    }

    public Set<Permission> permissions() {
        return Set.copyOf(permissions);
    }
}
