package io.eventplatform.org.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.eventplatform.common.validation.Formats;

import io.eventplatform.common.security.Role;

/** Request bodies of the organization and member endpoints. */
public final class OrganizationRequests {

    private OrganizationRequests() {
    }

    public record Create(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 100) @Pattern(regexp = Formats.SLUG, message = "slug may contain lower-case letters, digits and single hyphens") String slug,
            @Size(max = 2048) String logo,
            @Email(regexp = Formats.EMAIL, message = "value is not a valid email address") String email,
            @Pattern(regexp = Formats.PHONE, message = "value is not a valid phone number") String phone,
            @Size(max = 2048) @Pattern(regexp = Formats.URL, message = "value is not a valid URL") String website,
            @Size(max = 5000) String description,
            String timezone,
            String currency) {
    }

    public record Update(
            @Size(min = 1, max = 200) String name,
            @Size(max = 2048) String logo,
            @Email(regexp = Formats.EMAIL, message = "value is not a valid email address") String email,
            @Pattern(regexp = Formats.PHONE, message = "value is not a valid phone number") String phone,
            @Size(max = 2048) @Pattern(regexp = Formats.URL, message = "value is not a valid URL") String website,
            @Size(max = 5000) String description,
            String timezone,
            String currency,
            String planType) {
    }

    public record AddMember(
            @NotBlank @Email(regexp = Formats.EMAIL, message = "value is not a valid email address") String email,
            Role role,
            Boolean canCreateEvents,
            Boolean canManageAttendees,
            Boolean canViewAnalytics,
            Boolean canExportData) {
    }

    public record ChangeMember(
            Role role,
            Boolean canCreateEvents,
            Boolean canManageAttendees,
            Boolean canViewAnalytics,
            Boolean canExportData) {
    }
}
