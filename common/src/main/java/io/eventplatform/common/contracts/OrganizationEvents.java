package io.eventplatform.common.contracts;

import java.time.Instant;

/** org-service's organization events on {@code platform.organizations}. */
public final class OrganizationEvents {

    public static final String CREATED = "organization.created";
    public static final String UPDATED = "organization.updated";
    public static final String DELETED = "organization.deleted";

    private OrganizationEvents() {
    }

    public record OrganizationSnapshot(
            String id,
            String name,
            String slug,
            String logo,
            String email,
            String phone,
            String website,
            String description,
            String timezone,
            String currency,
            String planType,
            int maxEvents,
            Instant createdAt,
            Instant updatedAt,
            Instant deletedAt) {
    }
}
