package io.eventplatform.registration.service;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.client.ServiceCalls;
import io.eventplatform.common.client.SingleFlight;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.registration.client.EventCatalogClient;
import io.eventplatform.registration.repository.CatalogRepository;

/**
 * Events and ticket types from the replica, or from event-service when they are a moment old. The replica follows
 * event-service through Kafka, a fraction of a second behind: what it does not know yet is asked of event-service,
 * and so is a refusal that rests on its copy, so that a change (publishing, a new or reactivated ticket type, a
 * reopened window) counts the moment its request returned. What event-service answers is stored (versioned).
 */
@ApplicationScoped
public class CatalogLookup {

    private final CatalogRepository replica;
    private final EventCatalogClient eventService;
    private final SingleFlight<String, Boolean> fetching = new SingleFlight<>();

    public CatalogLookup(CatalogRepository replica, EventCatalogClient eventService) {
        this.replica = replica;
        this.eventService = eventService;
    }

    public EventSnapshot event(String eventId) {
        return replica.event(eventId).or(() -> fetch(eventId) ? replica.event(eventId) : Optional.empty())
                .orElseThrow(() -> ApiException.notFound("Event not found"));
    }

    public TicketTypeSnapshot ticketType(String eventId, String ticketTypeId) {
        return replica.ticketType(ticketTypeId).or(() -> fetch(eventId) ? replica.ticketType(ticketTypeId) : Optional.empty())
                .orElseThrow(() -> ApiException.notFound("Ticket type not found"));
    }

    /** An event's ticket type that is open for registration at {@code now}. */
    public record Offer(EventSnapshot event, TicketTypeSnapshot ticketType) {
    }

    /**
     * The event and ticket type of a registration, open for it at {@code now}; a refusal is given only once event-service
     * confirms it (an answer that lets the registration through costs no call).
     */
    public Offer openForRegistration(String eventId, String ticketTypeId, Instant now) {
        try {
            return openInReplica(eventId, ticketTypeId, now);
        } catch (ApiException refusal) {
            // While event-service cannot confirm, the answer is 503 (try again), not a refusal that may be stale.
            if (!fetch(eventId)) {
                throw refusal;
            }
            return openInReplica(eventId, ticketTypeId, now);
        }
    }

    private Offer openInReplica(String eventId, String ticketTypeId, Instant now) {
        EventSnapshot event = replica.event(eventId).orElseThrow(() -> ApiException.notFound("Event not found"));
        TicketTypeSnapshot ticketType = replica.ticketType(ticketTypeId).orElseThrow(() -> ApiException.notFound("Ticket type not found"));
        RegistrationRules.requireOpen(event, ticketType, now);
        return new Offer(event, ticketType);
    }

    /**
     * Stores event-service's current copy of the event; false when it has no such event. Concurrent callers for one
     * event share one call (a rush right after publishing would otherwise send event-service one call per request).
     */
    private boolean fetch(String eventId) {
        return fetching.call(eventId, () -> ServiceCalls.orUnavailable("Event catalog", () -> eventService.catalog(eventId))
                .map(catalog -> {
                    replica.applyEvent(catalog.event(), catalog.version());
                    catalog.ticketTypes().forEach(t -> replica.applyTicketType(t.ticketType(), t.version()));
                    return true;
                }).orElse(false));
    }
}
