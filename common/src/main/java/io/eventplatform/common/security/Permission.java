package io.eventplatform.common.security;

/** The permissions of the prototype's {@code app/rbac.py}, with their wire names. */
public enum Permission {
    CREATE_EVENT,
    EDIT_EVENT,
    DELETE_EVENT,
    PUBLISH_EVENT,
    DUPLICATE_EVENT,
    VIEW_ATTENDEES,
    MANAGE_ATTENDEES,
    EXPORT_ATTENDEES,
    CHECK_IN_ATTENDEES,
    VIEW_ANALYTICS,
    VIEW_REVENUE,
    MANAGE_ORGANIZATION,
    MANAGE_USERS,
    MANAGE_TEMPLATES;

    public String wireName() {
        return name().toLowerCase();
    }
}
