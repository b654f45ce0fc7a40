package io.eventplatform.registration.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.registration.rest.CheckInListViews.WrappedKeys;
import io.eventplatform.registration.service.TicketKeyService;
import io.quarkus.security.Authenticated;

/** The public keys that verify an event's signed tickets, and their rotation. */
@Path("/api/registrations/ticket-keys")
@Tag(name = "registrations")
@Authenticated
@SecurityRequirement(name = "bearer")
public class TicketKeyResource {

    private final TicketKeyService keys;
    private final CurrentUser caller;

    public TicketKeyResource(TicketKeyService keys, CurrentUser caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The Ed25519 public keys of the event's signed tickets, the signing key last (CHECK_IN_ATTENDEES)")
    public WrappedKeys get(@QueryParam("event_id") String eventId) {
        return WrappedKeys.of(keys.keys(eventId, caller));
    }

    @POST
    @Operation(summary = "A new signing key for the event's tickets; tickets signed before stay valid (EDIT_EVENT)")
    public Response rotate(@QueryParam("event_id") String eventId) {
        return Response.status(201).entity(WrappedKeys.of(keys.rotate(eventId, caller))).build();
    }
}
