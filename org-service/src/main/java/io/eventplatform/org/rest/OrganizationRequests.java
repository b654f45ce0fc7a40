package io.eventplatform.org.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.eventplatform.common.security.Role;
import io.eventplatform.common.validation.Formats;
import io.eventplatform.common.validation.Limits;

/** Request bodies of the organization and member endpoints. */
public final class OrganizationRequests {

    private OrganizationRequests() {
    }

    @Schema(name = "CreateOrganization")
    public record Create(
            @NotBlank @Size(max = Limits.SHORT_TEXT) String name,
            @NotBlank @Size(max = 100) @Pattern(regexp = Formats.SLUG, message = "slug may contain lower-case letters, digits and single hyphens") String slug,
            @Size(max = Limits.URL) String logo,
            @Email(regexp = Formats.EMAIL, message = "value is not a valid email address") @Size(max = Limits.EMAIL) String email,
            @Pattern(regexp = Formats.PHONE, message = "value is not a valid phone number") String phone,
            @Size(max = Limits.URL) @Pattern(regexp = Formats.URL, message = "value is not a valid URL") String website,
            @Size(max = Limits.DESCRIPTION) String description,
            @Size(max = Limits.TIME_ZONE) String timezone,
            @Size(max = 16) String currency) {
    }

    @Schema(name = "UpdateOrganization")
    public record Update(
            @Size(min = 1, max = Limits.SHORT_TEXT) String name,
            @Size(max = Limits.URL) String logo,
            @Email(regexp = Formats.EMAIL, message = "value is not a valid email address") @Size(max = Limits.EMAIL) String email,
            @Pattern(regexp = Formats.PHONE, message = "value is not a valid phone number") String phone,
            @Size(max = Limits.URL) @Pattern(regexp = Formats.URL, message = "value is not a valid URL") String website,
            @Size(max = Limits.DESCRIPTION) String description,
            @Size(max = Limits.TIME_ZONE) String timezone,
            @Size(max = 16) String currency,
            @Size(max = 32) String planType) {
    }

    public record AddMember(
            @NotBlank @Email(regexp = Formats.EMAIL, message = "value is not a valid email address") @Size(max = Limits.EMAIL) String email,
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
