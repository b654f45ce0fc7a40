package io.eventplatform.registration.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;

/** event-service's internal catalog lookup ({@code quarkus.rest-client.event-service.url}). */
@Path("/internal/events")
@RegisterRestClient(configKey = "event-service")
@ClientHeaderParam(name = "X-Service-Token", value = "${eventplatform.internal.token}")
public interface EventCatalogApi {

    @GET
    @Path("/{eventId}/catalog")
    Catalog catalog(@PathParam("eventId") String eventId);

    record Catalog(EventSnapshot event, long version, List<VersionedTicketType> ticketTypes) {
    }

    record VersionedTicketType(TicketTypeSnapshot ticketType, long version) {
    }
}
