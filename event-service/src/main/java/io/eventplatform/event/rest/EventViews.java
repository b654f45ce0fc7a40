package io.eventplatform.event.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.eventplatform.event.domain.Event;
import io.eventplatform.event.domain.Template;
import io.eventplatform.event.domain.TicketType;
import io.eventplatform.event.repository.OrganizationReplicaRepository.OrganizationInfo;

/** Response shapes: the prototype's documents with their wrapper keys, plus counts and prices in effect. */
public final class EventViews {

    private EventViews() {
    }

    public record OrganizationRef(String id, String name, String slug, String logo) {
        public static OrganizationRef of(OrganizationInfo o) {
            return o == null ? null : new OrganizationRef(o.id(), o.name(), o.slug(), o.logo());
        }
    }

    public record EventView(
            @JsonProperty("_id") String id, String organizationId, String createdById, String name, String slug,
            String description, Instant startDate, Instant endDate, String timezone, String venue, String address,
            String city, String country, boolean isVirtual, String virtualUrl, String coverImage, String logo,
            String primaryColor, Integer maxAttendees, Instant registrationOpenDate, Instant registrationCloseDate,
            boolean requireApproval, boolean waitlistEnabled, String status, boolean isPublished, boolean isTemplate,
            String templateId, Instant createdAt, Instant updatedAt, Instant publishedAt, boolean signedTickets,
            OrganizationRef organization, List<TicketTypeView> ticketTypes,
            @JsonProperty("_count") Map<String, Long> count) {

        public static EventView of(Event e, OrganizationRef organization, List<TicketTypeView> ticketTypes, long registrations) {
            return new EventView(e.idHex(), e.organizationId, e.createdById, e.name, e.slug, e.description, e.startDate,
                    e.endDate, e.timezone, e.venue, e.address, e.city, e.country, e.isVirtual, e.virtualUrl, e.coverImage,
                    e.logo, e.primaryColor, e.maxAttendees, e.registrationOpenDate, e.registrationCloseDate,
                    e.requireApproval, e.waitlistEnabled, e.status.name(), e.isPublished, e.isTemplate, e.templateId,
                    e.createdAt, e.updatedAt, e.publishedAt, e.signedTickets, organization, ticketTypes, Map.of("registrations", registrations));
        }
    }

    public record TicketTypeView(
            @JsonProperty("_id") String id, String eventId, String name, String description, double price,
            Integer capacity, long soldCount, int reserved, boolean isEarlyBird, Double earlyBirdPrice,
            Instant earlyBirdEnds, Instant validFrom, Instant validUntil, boolean isActive, int sortOrder,
            Instant createdAt, Instant updatedAt) {

        public static TicketTypeView of(Event e, TicketType t, long sold) {
            return new TicketTypeView(t.id.toHexString(), e.idHex(), t.name, t.description, t.price, t.capacity, sold, 0,
                    t.isEarlyBird, t.earlyBirdPrice, t.earlyBirdEnds, t.validFrom, t.validUntil, t.isActive, t.sortOrder,
                    t.createdAt, t.updatedAt);
        }
    }

    public record TemplateView(@JsonProperty("_id") String id, String organizationId, String name, String description,
            String category, Map<String, Object> templateData, Instant createdAt, Instant updatedAt) {
        public static TemplateView of(Template t) {
            return new TemplateView(t.idHex(), t.organizationId, t.name, t.description, t.category, t.templateData,
                    t.createdAt, t.updatedAt);
        }
    }

    public record EventWrapped(EventView event) {
    }

    public record EventList(List<EventView> events, long total, int page, int limit) {
    }

    public record TicketTypeWrapped(TicketTypeView ticketType) {
    }

    public record TicketTypeList(List<TicketTypeView> ticketTypes) {
    }

    public record TemplateWrapped(TemplateView template) {
    }

    public record TemplateList(List<TemplateView> templates) {
    }
}
