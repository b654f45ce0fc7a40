package io.eventplatform.event.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.eventplatform.event.domain.Event;
import io.eventplatform.event.domain.TicketType;
import io.eventplatform.event.rest.EventViews.OrganizationRef;

/**
 * The public event page, shown without a token: an explicit allow-list of what an attendee needs before registering.
 * Never the virtual link (what a ticket pays for), who created the event, or the organization's bookkeeping.
 */
public record PublicEventView(
        @JsonProperty("_id") String id, String name, String slug, String description, Instant startDate,
        Instant endDate, String timezone, String venue, String address, String city, String country, boolean isVirtual,
        String coverImage, String logo, String primaryColor, Integer maxAttendees, Instant registrationOpenDate,
        Instant registrationCloseDate, boolean requireApproval, boolean waitlistEnabled, String status,
        Instant publishedAt, OrganizationRef organization, List<PublicTicketType> ticketTypes) {

    public static PublicEventView of(Event e, OrganizationRef organization, List<PublicTicketType> ticketTypes) {
        return new PublicEventView(e.idHex(), e.name, e.slug, e.description, e.startDate, e.endDate, e.timezone, e.venue,
                e.address, e.city, e.country, e.isVirtual, e.coverImage, e.logo, e.primaryColor, e.maxAttendees,
                e.registrationOpenDate, e.registrationCloseDate, e.requireApproval, e.waitlistEnabled, e.status.name(),
                e.publishedAt, organization, ticketTypes);
    }

    /** A ticket type on sale: the price in effect now and the seats left ({@code remaining}; none without a capacity). */
    public record PublicTicketType(
            @JsonProperty("_id") String id, String name, String description, double price, double currentPrice,
            boolean isEarlyBird, Double earlyBirdPrice, Instant earlyBirdEnds, Instant validFrom, Instant validUntil,
            Integer capacity, @JsonInclude(JsonInclude.Include.NON_NULL) Long remaining, int sortOrder) {

        public static PublicTicketType of(TicketType t, long sold, Instant now) {
            Long remaining = t.capacity == null ? null : Math.max(0, t.capacity - sold);
            return new PublicTicketType(t.id.toHexString(), t.name, t.description, t.price, t.priceAt(now), t.isEarlyBird,
                    t.earlyBirdPrice, t.earlyBirdEnds, t.validFrom, t.validUntil, t.capacity, remaining, t.sortOrder);
        }
    }

    public record PublicEventWrapped(PublicEventView event) {
    }
}
