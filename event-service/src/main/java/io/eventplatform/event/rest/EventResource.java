package io.eventplatform.event.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eventplatform.common.pagination.PageRequest;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.event.service.EventService;
import io.quarkus.security.Authenticated;

@Path("/api/events")
@Tag(name = "events")
public class EventResource {

    private final EventService events;
    private final CurrentUser caller;

    public EventResource(EventService events, CurrentUser caller) {
        this.events = events;
        this.caller = caller;
    }

    @POST
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Create an event (CREATE_EVENT), optionally from a template; counts against the plan")
    public Response create(@Valid @NotNull EventRequests.CreateEvent body) {
        return Response.status(201).entity(new EventViews.EventWrapped(events.create(body, caller))).build();
    }

    @GET
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Events of one organization, or of all the caller's; status filter, literal search, pages")
    public EventViews.EventList list(@QueryParam("organization_id") String organizationId, @QueryParam("status") String status,
            @QueryParam("search") String search, @QueryParam("page") String page, @QueryParam("limit") String limit) {
        return events.list(organizationId, status, search, PageRequest.of(page, limit), caller);
    }

    @GET
    @Path("/public/{slug}")
    @Operation(summary = "A published event as an attendee sees it: active ticket types, price in effect, seats left")
    public PublicEventView.PublicEventWrapped publicPage(@PathParam("slug") String slug) {
        return new PublicEventView.PublicEventWrapped(events.publicPage(slug));
    }

    @GET
    @Path("/{eventId}")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "An event with its organization, active ticket types and registration count")
    public EventViews.EventWrapped get(@PathParam("eventId") String eventId) {
        return new EventViews.EventWrapped(events.get(eventId, caller));
    }

    @PATCH
    @Path("/{eventId}")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change an event (EDIT_EVENT; status and is_published also PUBLISH_EVENT)")
    public EventViews.EventWrapped update(@PathParam("eventId") String eventId, @Valid @NotNull EventRequests.UpdateEvent body) {
        return new EventViews.EventWrapped(events.update(eventId, body, caller));
    }

    @DELETE
    @Path("/{eventId}")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Delete an event and its ticket types (DELETE_EVENT)")
    public Response delete(@PathParam("eventId") String eventId) {
        events.delete(eventId, caller);
        return Response.noContent().build();
    }

    @POST
    @Path("/{eventId}/duplicate")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Copy an event and its ticket types as a new draft (DUPLICATE_EVENT)")
    public Response duplicate(@PathParam("eventId") String eventId) {
        return Response.status(201).entity(new EventViews.EventWrapped(events.duplicate(eventId, caller))).build();
    }
}
