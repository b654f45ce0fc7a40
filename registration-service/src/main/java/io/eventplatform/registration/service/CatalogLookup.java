package io.eventplatform.registration.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.client.ServiceCalls;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.registration.client.EventCatalogClient;
import io.eventplatform.registration.repository.CatalogRepository;

/** Events and ticket types from the replica, or from event-service when they are a moment old. */
@ApplicationScoped
public class CatalogLookup {

    private final CatalogRepository replica;
    private final EventCatalogClient eventService;

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

    private boolean fetch(String eventId) {
        return ServiceCalls.orUnavailable("Event catalog", () -> eventService.catalog(eventId)).map(catalog -> {
            replica.applyEvent(catalog.event(), catalog.version());
            catalog.ticketTypes().forEach(t -> replica.applyTicketType(t.ticketType(), t.version()));
            return true;
        }).orElse(false);
    }
}
