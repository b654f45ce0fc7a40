package io.eventplatform.event.rest;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.eventplatform.common.validation.Formats;
import io.eventplatform.event.domain.EventStatus;

/** Request bodies of the event, ticket type and template endpoints. */
public final class EventRequests {

    private EventRequests() {
    }

    public record CreateEvent(
            @NotBlank @Size(max = 300) String name,
            @NotBlank @Size(max = 150) @Pattern(regexp = Formats.SLUG, message = "slug may contain lower-case letters, digits and single hyphens") String slug,
            @Size(max = 20000) String description,
            @NotNull Instant startDate,
            @NotNull Instant endDate,
            String timezone,
            @Size(max = 300) String venue,
            @Size(max = 500) String address,
            @Size(max = 200) String city,
            @Size(max = 200) String country,
            Boolean isVirtual,
            @Pattern(regexp = Formats.URL, message = "value is not a valid URL") String virtualUrl,
            @Size(max = 2048) String coverImage,
            @Size(max = 2048) String logo,
            @Pattern(regexp = Formats.COLOR, message = "value is not a hex color such as #1a2b3c") String primaryColor,
            @Min(1) Integer maxAttendees,
            Instant registrationOpenDate,
            Instant registrationCloseDate,
            Boolean requireApproval,
            Boolean waitlistEnabled,
            @NotBlank String organizationId,
            String templateId) {
    }

    public record UpdateEvent(
            @Size(min = 1, max = 300) String name,
            @Size(max = 20000) String description,
            Instant startDate,
            Instant endDate,
            String timezone,
            @Size(max = 300) String venue,
            @Size(max = 500) String address,
            @Size(max = 200) String city,
            @Size(max = 200) String country,
            Boolean isVirtual,
            @Pattern(regexp = Formats.URL, message = "value is not a valid URL") String virtualUrl,
            @Size(max = 2048) String coverImage,
            @Size(max = 2048) String logo,
            @Pattern(regexp = Formats.COLOR, message = "value is not a hex color such as #1a2b3c") String primaryColor,
            @Min(1) Integer maxAttendees,
            Instant registrationOpenDate,
            Instant registrationCloseDate,
            Boolean requireApproval,
            Boolean waitlistEnabled,
            EventStatus status,
            Boolean isPublished) {

        public boolean changesPublication() {
            return status != null || isPublished != null;
        }
    }

    public record CreateTicketType(
            @NotBlank String eventId,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 5000) String description,
            @NotNull @DecimalMin(value = "0", message = "price must not be negative") Double price,
            @Min(value = 0, message = "capacity must not be negative") Integer capacity,
            Boolean isEarlyBird,
            @DecimalMin(value = "0", message = "early_bird_price must not be negative") Double earlyBirdPrice,
            Instant earlyBirdEnds,
            Instant validFrom,
            Instant validUntil,
            Boolean isActive,
            Integer sortOrder) {
    }

    public record UpdateTicketType(
            @Size(min = 1, max = 200) String name,
            @Size(max = 5000) String description,
            @DecimalMin(value = "0", message = "price must not be negative") Double price,
            @Min(value = 0, message = "capacity must not be negative") Integer capacity,
            Boolean isEarlyBird,
            @DecimalMin(value = "0", message = "early_bird_price must not be negative") Double earlyBirdPrice,
            Instant earlyBirdEnds,
            Instant validFrom,
            Instant validUntil,
            Boolean isActive,
            Integer sortOrder) {
    }

    public record CreateTemplate(
            @NotBlank @Size(max = 300) String name,
            @Size(max = 5000) String description,
            @Size(max = 200) String category,
            @NotBlank String organizationId,
            String eventId,
            Map<String, Object> templateData) {
    }
}
