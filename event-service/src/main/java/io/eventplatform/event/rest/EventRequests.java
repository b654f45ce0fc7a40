package io.eventplatform.event.rest;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.eventplatform.common.validation.Formats;
import io.eventplatform.common.validation.Limits;
import io.eventplatform.event.domain.EventStatus;

/**
 * Request bodies of the event, ticket type and template endpoints. A template's data carries the same constraints as
 * the event and ticket type fields it becomes, so an event made from a template is as valid as one made directly.
 */
public final class EventRequests {

    private EventRequests() {
    }

    public record CreateEvent(
            @NotBlank @Size(max = Limits.NAME) String name,
            @NotBlank @Size(max = 150) @Pattern(regexp = Formats.SLUG, message = "slug may contain lower-case letters, digits and single hyphens") String slug,
            @Size(max = Limits.LONG_DESCRIPTION) String description,
            @NotNull Instant startDate,
            @NotNull Instant endDate,
            @Size(max = Limits.TIME_ZONE) String timezone,
            @Size(max = Limits.NAME) String venue,
            @Size(max = 500) String address,
            @Size(max = Limits.SHORT_TEXT) String city,
            @Size(max = Limits.SHORT_TEXT) String country,
            Boolean isVirtual,
            @Size(max = Limits.URL) @Pattern(regexp = Formats.URL, message = "value is not a valid URL") String virtualUrl,
            @Size(max = Limits.URL) String coverImage,
            @Size(max = Limits.URL) String logo,
            @Pattern(regexp = Formats.COLOR, message = "value is not a hex color such as #1a2b3c") String primaryColor,
            @Min(1) @Max(Limits.MAX_SEATS) Integer maxAttendees,
            Instant registrationOpenDate,
            Instant registrationCloseDate,
            Boolean requireApproval,
            Boolean waitlistEnabled,
            Boolean signedTickets,
            @NotBlank @Size(max = 24) String organizationId,
            @Size(max = 24) String templateId) {
    }

    public record UpdateEvent(
            @Size(min = 1, max = Limits.NAME) String name,
            @Size(max = Limits.LONG_DESCRIPTION) String description,
            Instant startDate,
            Instant endDate,
            @Size(max = Limits.TIME_ZONE) String timezone,
            @Size(max = Limits.NAME) String venue,
            @Size(max = 500) String address,
            @Size(max = Limits.SHORT_TEXT) String city,
            @Size(max = Limits.SHORT_TEXT) String country,
            Boolean isVirtual,
            @Size(max = Limits.URL) @Pattern(regexp = Formats.URL, message = "value is not a valid URL") String virtualUrl,
            @Size(max = Limits.URL) String coverImage,
            @Size(max = Limits.URL) String logo,
            @Pattern(regexp = Formats.COLOR, message = "value is not a hex color such as #1a2b3c") String primaryColor,
            @Min(1) @Max(Limits.MAX_SEATS) Integer maxAttendees,
            Instant registrationOpenDate,
            Instant registrationCloseDate,
            Boolean requireApproval,
            Boolean waitlistEnabled,
            Boolean signedTickets,
            EventStatus status,
            Boolean isPublished) {

        public boolean changesPublication() {
            return status != null || isPublished != null;
        }
    }

    public record CreateTicketType(
            @NotBlank @Size(max = 24) String eventId,
            @NotBlank @Size(max = Limits.SHORT_TEXT) String name,
            @Size(max = Limits.DESCRIPTION) String description,
            @NotNull @DecimalMin(value = "0", message = "price must not be negative") @DecimalMax(Limits.MAX_AMOUNT)
            @Digits(integer = Limits.AMOUNT_INTEGER_DIGITS, fraction = Limits.AMOUNT_FRACTION_DIGITS) Double price,
            @Min(value = 0, message = "capacity must not be negative") @Max(Limits.MAX_SEATS) Integer capacity,
            Boolean isEarlyBird,
            @DecimalMin(value = "0", message = "early_bird_price must not be negative") @DecimalMax(Limits.MAX_AMOUNT)
            @Digits(integer = Limits.AMOUNT_INTEGER_DIGITS, fraction = Limits.AMOUNT_FRACTION_DIGITS) Double earlyBirdPrice,
            Instant earlyBirdEnds,
            Instant validFrom,
            Instant validUntil,
            Boolean isActive,
            Integer sortOrder) {
    }

    public record UpdateTicketType(
            @Size(min = 1, max = Limits.SHORT_TEXT) String name,
            @Size(max = Limits.DESCRIPTION) String description,
            @DecimalMin(value = "0", message = "price must not be negative") @DecimalMax(Limits.MAX_AMOUNT)
            @Digits(integer = Limits.AMOUNT_INTEGER_DIGITS, fraction = Limits.AMOUNT_FRACTION_DIGITS) Double price,
            @Min(value = 0, message = "capacity must not be negative") @Max(Limits.MAX_SEATS) Integer capacity,
            Boolean isEarlyBird,
            @DecimalMin(value = "0", message = "early_bird_price must not be negative") @DecimalMax(Limits.MAX_AMOUNT)
            @Digits(integer = Limits.AMOUNT_INTEGER_DIGITS, fraction = Limits.AMOUNT_FRACTION_DIGITS) Double earlyBirdPrice,
            Instant earlyBirdEnds,
            Instant validFrom,
            Instant validUntil,
            Boolean isActive,
            Integer sortOrder) {
    }

    public record CreateTemplate(
            @NotBlank @Size(max = Limits.NAME) String name,
            @Size(max = Limits.DESCRIPTION) String description,
            @Size(max = Limits.SHORT_TEXT) String category,
            @NotBlank @Size(max = 24) String organizationId,
            @Size(max = 24) String eventId,
            @Valid TemplateData templateData) {
    }

    /** The event fields a template sets, with the constraints of {@link CreateEvent}. */
    public record TemplateData(
            @Size(max = Limits.LONG_DESCRIPTION) String description,
            @Size(max = Limits.NAME) String venue,
            Boolean isVirtual,
            @Min(1) @Max(Limits.MAX_SEATS) Integer maxAttendees,
            Boolean requireApproval,
            @Size(max = Limits.URL) String coverImage,
            @Size(max = Limits.URL) String logo,
            @Pattern(regexp = Formats.COLOR, message = "value is not a hex color such as #1a2b3c") String primaryColor,
            @Size(max = Limits.TICKET_TYPES) List<@Valid @NotNull TemplateTicketType> ticketTypes) {
    }

    /** A ticket type a template creates, with the constraints of {@link CreateTicketType}; prices may be numeric text. */
    public record TemplateTicketType(
            @NotBlank @Size(max = Limits.SHORT_TEXT) String name,
            @Size(max = Limits.DESCRIPTION) String description,
            @NotNull @DecimalMin(value = "0", message = "price must not be negative") @DecimalMax(Limits.MAX_AMOUNT)
            @Digits(integer = Limits.AMOUNT_INTEGER_DIGITS, fraction = Limits.AMOUNT_FRACTION_DIGITS) Double price,
            @Min(value = 0, message = "capacity must not be negative") @Max(Limits.MAX_SEATS) Integer capacity,
            Boolean isEarlyBird,
            @DecimalMin(value = "0", message = "early_bird_price must not be negative") @DecimalMax(Limits.MAX_AMOUNT)
            @Digits(integer = Limits.AMOUNT_INTEGER_DIGITS, fraction = Limits.AMOUNT_FRACTION_DIGITS) Double earlyBirdPrice,
            Instant earlyBirdEnds,
            Integer sortOrder) {
    }
}
