package io.eventplatform.org.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.eventplatform.org.domain.Member;
import io.eventplatform.org.domain.Organization;

/** Response shapes: the prototype's organization documents and wrapper keys, plus member entries. */
public final class OrganizationViews {

    private OrganizationViews() {
    }

    public record OrganizationView(
            @JsonProperty("_id") String id,
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
            @JsonInclude(JsonInclude.Include.NON_NULL) List<MemberView> users,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Map<String, Object>> events,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("_count") Map<String, Long> count) {

        public static OrganizationView of(Organization o) {
            return of(o, null, null, null);
        }

        public static OrganizationView of(Organization o, List<MemberView> users, List<Map<String, Object>> events,
                Map<String, Long> count) {
            return new OrganizationView(o.idHex(), o.name, o.slug, o.logo, o.email, o.phone, o.website, o.description,
                    o.timezone, o.currency, o.planType.name(), o.maxEvents, o.createdAt, o.updatedAt, users, events, count);
        }
    }

    public record MemberView(
            @JsonProperty("_id") String id,
            String userId,
            String organizationId,
            String role,
            boolean canCreateEvents,
            boolean canManageAttendees,
            boolean canViewAnalytics,
            boolean canExportData,
            String invitedBy,
            Instant joinedAt,
            String name,
            String email) {

        public static MemberView of(Organization o, Member m, String name, String email) {
            return new MemberView(m.id.toHexString(), m.userId, o.idHex(), m.role.name(), m.canCreateEvents,
                    m.canManageAttendees, m.canViewAnalytics, m.canExportData, m.invitedBy, m.joinedAt, name, email);
        }
    }

    public record Wrapped(OrganizationView organization) {
    }

    public record WrappedList(List<OrganizationView> organizations) {
    }

    public record MemberWrapped(MemberView member) {
    }

    public record MemberList(List<MemberView> members) {
    }
}
