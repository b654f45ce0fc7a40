package io.eventplatform.common.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * event-service's events on {@code platform.events}, {@code platform.ticket-types} and {@code platform.templates}.
 * A deleted aggregate's last snapshot has {@code deleted_at} set.
 */
public final class EventEvents {

    public static final String EVENT_CREATED = "event.created";
    public static final String EVENT_UPDATED = "event.updated";
    public static final String EVENT_PUBLISHED = "event.published";
    public static final String EVENT_CANCELLED = "event.cancelled";
    public static final String EVENT_DELETED = "event.deleted";
    public static final String TICKET_TYPE_CREATED = "ticket_type.created";
    public static final String TICKET_TYPE_UPDATED = "ticket_type.updated";
    public static final String TICKET_TYPE_DELETED = "ticket_type.deleted";
    public static final String TEMPLATE_CREATED = "template.created";
    public static final String TEMPLATE_DELETED = "template.deleted";

    private EventEvents() {
    }

    public record EventSnapshot(
            String id,
            String organizationId,
            String createdById,
            String name,
            String slug,
            String description,
            Instant startDate,
            Instant endDate,
            String timezone,
            String venue,
            String address,
            String city,
            String country,
            boolean isVirtual,
            String virtualUrl,
            String coverImage,
            String logo,
            String primaryColor,
            Integer maxAttendees,
            Instant registrationOpenDate,
            Instant registrationCloseDate,
            boolean requireApproval,
            boolean waitlistEnabled,
            String status,
            boolean isPublished,
            String templateId,
            Instant createdAt,
            Instant updatedAt,
            Instant publishedAt,
            Instant deletedAt,
            /** Tickets are signed QR codes (absent from snapshots published before it existed: false). */
            boolean signedTickets) {
    }

    public record TicketTypeSnapshot(
            String id,
            String eventId,
            String organizationId,
            String name,
            String description,
            double price,
            Integer capacity,
            boolean isEarlyBird,
            Double earlyBirdPrice,
            Instant earlyBirdEnds,
            Instant validFrom,
            Instant validUntil,
            boolean isActive,
            int sortOrder,
            Instant createdAt,
            Instant updatedAt,
            Instant deletedAt) {
    }

    public record TemplateSnapshot(
            String id,
            String organizationId,
            String name,
            String description,
            String category,
            Map<String, Object> templateData,
            Instant createdAt,
            Instant updatedAt,
            Instant deletedAt) {
    }
}
