package io.eventplatform.event.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.bson.types.ObjectId;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.event.domain.Event;
import io.eventplatform.event.repository.EventRepository;

/**
 * An event and its ticket types with their versions, for services whose replica has not heard of them yet (a ticket
 * type created a moment ago). Under {@code /internal/}: never routed by the gateway, service credential required.
 */
@Path("/internal/events")
public class InternalCatalogResource {

    private final EventRepository events;

    public InternalCatalogResource(EventRepository events) {
        this.events = events;
    }

    @GET
    @Path("/{eventId}/catalog")
    @Operation(hidden = true)
    public Catalog catalog(@PathParam("eventId") String eventId) {
        if (!ObjectId.isValid(eventId)) {
            throw ApiException.notFound("Event not found");
        }
        Event event = events.findLive(new ObjectId(eventId)).orElseThrow(() -> ApiException.notFound("Event not found"));
        List<VersionedTicketType> ticketTypes = event.ticketTypes.stream()
                .map(t -> new VersionedTicketType(t.snapshot(event, null), t.version)).toList();
        return new Catalog(event.snapshot(), event.version, ticketTypes);
    }

    public record Catalog(EventSnapshot event, long version, List<VersionedTicketType> ticketTypes) {
    }

    public record VersionedTicketType(TicketTypeSnapshot ticketType, long version) {
    }
}
