package io.eventplatform.event.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.event.service.TicketTypeService;
import io.quarkus.security.Authenticated;

@Path("/api/ticket-types")
@Tag(name = "ticket-types")
public class TicketTypeResource {

    private final TicketTypeService ticketTypes;
    private final CurrentUser caller;

    public TicketTypeResource(TicketTypeService ticketTypes, CurrentUser caller) {
        this.ticketTypes = ticketTypes;
        this.caller = caller;
    }

    @POST
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Add a ticket type to an event (EDIT_EVENT)")
    public Response create(@Valid @NotNull EventRequests.CreateTicketType body) {
        return Response.status(201).entity(new EventViews.TicketTypeWrapped(ticketTypes.create(body, caller))).build();
    }

    @GET
    @Path("/event/{eventId}")
    @Operation(summary = "An event's ticket types in sort order (no token needed for a published event)")
    public EventViews.TicketTypeList forEvent(@PathParam("eventId") String eventId) {
        return new EventViews.TicketTypeList(ticketTypes.forEvent(eventId, caller));
    }

    @GET
    @Path("/{ticketTypeId}")
    @Operation(summary = "A ticket type (no token needed for a published event)")
    public EventViews.TicketTypeWrapped get(@PathParam("ticketTypeId") String ticketTypeId) {
        return new EventViews.TicketTypeWrapped(ticketTypes.get(ticketTypeId, caller));
    }

    @PATCH
    @Path("/{ticketTypeId}")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change a ticket type (EDIT_EVENT)")
    public EventViews.TicketTypeWrapped update(@PathParam("ticketTypeId") String ticketTypeId,
            @Valid @NotNull EventRequests.UpdateTicketType body) {
        return new EventViews.TicketTypeWrapped(ticketTypes.update(ticketTypeId, body, caller));
    }

    @DELETE
    @Path("/{ticketTypeId}")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Delete a ticket type with nothing sold (EDIT_EVENT)")
    public Response delete(@PathParam("ticketTypeId") String ticketTypeId) {
        ticketTypes.delete(ticketTypeId, caller);
        return Response.noContent().build();
    }
}
