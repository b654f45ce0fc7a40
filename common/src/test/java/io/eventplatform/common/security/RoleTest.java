package io.eventplatform.common.security;

import static io.eventplatform.common.security.Permission.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The table must equal {@code app/rbac.py}'s ROLE_PERMISSIONS exactly. */
class RoleTest {

    @Test
    void superAdminHasEveryPermission() {
        assertEquals(EnumSet.allOf(Permission.class), Role.SUPER_ADMIN.permissions());
        assertEquals(14, Role.SUPER_ADMIN.permissions().size());
    }

    @Test
    void organizerHasEverythingButOrganizationAndUserManagement() {
        assertEquals(Set.of(CREATE_EVENT, EDIT_EVENT, DELETE_EVENT, PUBLISH_EVENT, DUPLICATE_EVENT, VIEW_ATTENDEES,
                MANAGE_ATTENDEES, EXPORT_ATTENDEES, CHECK_IN_ATTENDEES, VIEW_ANALYTICS, VIEW_REVENUE, MANAGE_TEMPLATES),
                Role.ORGANIZER.permissions());
        assertFalse(Role.ORGANIZER.has(MANAGE_ORGANIZATION));
        assertFalse(Role.ORGANIZER.has(MANAGE_USERS));
    }

    @Test
    void staffWorksTheDoorAndSeesAnalytics() {
        assertEquals(Set.of(VIEW_ATTENDEES, MANAGE_ATTENDEES, CHECK_IN_ATTENDEES, VIEW_ANALYTICS), Role.STAFF.permissions());
        assertFalse(Role.STAFF.has(VIEW_REVENUE));
        assertFalse(Role.STAFF.has(EXPORT_ATTENDEES));
    }

    @Test
    void attendeeHasNoPermission() {
        assertTrue(Role.ATTENDEE.permissions().isEmpty());
    }

    @Test
    void anyAndAllFollowThePrototype() {
        assertTrue(Role.STAFF.hasAny(CREATE_EVENT, CHECK_IN_ATTENDEES));
        assertFalse(Role.STAFF.hasAll(CREATE_EVENT, CHECK_IN_ATTENDEES));
        assertTrue(Role.ORGANIZER.hasAll(CREATE_EVENT, CHECK_IN_ATTENDEES));
        assertEquals("check_in_attendees", CHECK_IN_ATTENDEES.wireName());
    }
}
