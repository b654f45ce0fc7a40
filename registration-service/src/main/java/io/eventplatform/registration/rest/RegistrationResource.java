package io.eventplatform.registration.rest;

import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.pagination.Page;
import io.eventplatform.common.pagination.PageRequest;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.validation.Formats;
import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.rest.RegistrationViews.RegistrationView;
import io.eventplatform.registration.service.AttendeeExport;
import io.eventplatform.registration.service.QrImages;
import io.eventplatform.registration.service.RegistrationChanges;
import io.eventplatform.registration.service.RegistrationService;
import io.eventplatform.registration.service.Tickets;
import io.quarkus.security.Authenticated;

@Path("/api/registrations")
@Tag(name = "registrations")
@Authenticated
@SecurityRequirement(name = "bearer")
public class RegistrationResource {

    private final RegistrationService registering;
    private final RegistrationChanges registrations;
    private final QrImages qrImages;
    private final AttendeeExport export;
    private final Tickets tickets;
    private final CurrentUser caller;

    public RegistrationResource(RegistrationService registering, RegistrationChanges registrations, QrImages qrImages,
            AttendeeExport export, Tickets tickets, CurrentUser caller) {
        this.tickets = tickets;
        this.registering = registering;
        this.registrations = registrations;
        this.qrImages = qrImages;
        this.export = export;
        this.caller = caller;
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @Operation(summary = "Every registration of an event as CSV, custom fields as columns (EXPORT_ATTENDEES)")
    public Response exportCsv(@QueryParam("event_id") String eventId, @QueryParam("format") String format) {
        if (format != null && !format.equals("csv")) {
            throw ApiException.unprocessable("query", "format", "format must be csv");
        }
        String event = registrations.exportableEvent(eventId, caller);
        StreamingOutput body = out -> export.writeCsv(event, out);
        return Response.ok(body, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"registrations-" + event + ".csv\"").build();
    }

    @GET
    @Path("/{registrationId}/qr.png")
    @Produces("image/png")
    @Operation(summary = "The registration's ticket as a PNG QR image: signed when its event signs tickets (its owner, or VIEW_ATTENDEES)")
    public Response qrPng(@PathParam("registrationId") String registrationId) {
        return Response.ok(qrImages.png(tickets.codeOf(registrations.get(registrationId, caller))), "image/png").build();
    }

    @GET
    @Path("/{registrationId}/qr.svg")
    @Produces("image/svg+xml")
    @Operation(summary = "The registration's ticket as an SVG QR image: signed when its event signs tickets (its owner, or VIEW_ATTENDEES)")
    public Response qrSvg(@PathParam("registrationId") String registrationId) {
        return Response.ok(qrImages.svg(tickets.codeOf(registrations.get(registrationId, caller))), "image/svg+xml").build();
    }

    @GET
    @Path("/{registrationId}/ticket")
    @Operation(summary = "The text the registration's QR image shows: its signed ticket, or its qr_code (its owner, or VIEW_ATTENDEES)")
    public RegistrationViews.WrappedTicket ticket(@PathParam("registrationId") String registrationId) {
        String code = tickets.codeOf(registrations.get(registrationId, caller));
        return new RegistrationViews.WrappedTicket(new RegistrationViews.TicketView(code, code.startsWith(Tickets.SIGNED_PREFIX)));
    }

    @POST
    @Operation(summary = "Register for an event's ticket type; never oversells; Idempotency-Key makes retries safe")
    public Response register(@Valid @NotNull RegistrationRequests.Create body,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        String response = registering.register(body, Optional.ofNullable(idempotencyKey), caller);
        return Response.status(201).type(MediaType.APPLICATION_JSON).entity(response).build();
    }

    @GET
    @Operation(summary = "An event's registrations (VIEW_ATTENDEES), or without event_id the caller's own")
    public RegistrationViews.WrappedList list(@QueryParam("event_id") String eventId, @QueryParam("status") String status,
            @QueryParam("checked_in") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) String checkedIn,
            @QueryParam("search") String search,
            @QueryParam("page") String page, @QueryParam("limit") String limit) {
        PageRequest request = PageRequest.of(page, limit);
        Page<Registration> found = registrations.list(eventId, status,
                Formats.flag(checkedIn, "checked_in"), search, request, caller);
        return new RegistrationViews.WrappedList(found.items().stream().map(RegistrationView::of).toList(),
                found.total(), request.page(), request.limit());
    }

    @POST
    @Path("/qr-check-in")
    @Operation(summary = "Check in by QR code (CHECK_IN_ATTENDEES); a repeated scan answers already_checked_in")
    public RegistrationViews.CheckIn qrCheckIn(@QueryParam("qr_code") String qrCode) {
        RegistrationChanges.CheckIn result = registrations.checkInByQr(qrCode, caller);
        return new RegistrationViews.CheckIn(RegistrationView.of(result.registration()),
                result.already() ? "Already checked in" : "Successfully checked in", result.already());
    }

    @GET
    @Path("/{registrationId}")
    @Operation(summary = "A registration (its owner, or VIEW_ATTENDEES)")
    public RegistrationViews.Wrapped get(@PathParam("registrationId") String registrationId) {
        return new RegistrationViews.Wrapped(RegistrationView.of(registrations.get(registrationId, caller)));
    }

    @PATCH
    @Path("/{registrationId}")
    @Operation(summary = "Change status, payment, check-in or notes (MANAGE_ATTENDEES)")
    public RegistrationViews.Wrapped update(@PathParam("registrationId") String registrationId,
            @Valid @NotNull RegistrationRequests.Update body) {
        return new RegistrationViews.Wrapped(RegistrationView.of(registrations.update(registrationId, body, caller)));
    }

    @DELETE
    @Path("/{registrationId}")
    @Operation(summary = "Cancel one's own registration (a second cancel changes nothing)")
    public Response cancel(@PathParam("registrationId") String registrationId) {
        registrations.cancel(registrationId, caller);
        return Response.noContent().build();
    }

    @POST
    @Path("/{registrationId}/check-in")
    @Operation(summary = "Check in by id (CHECK_IN_ATTENDEES)")
    public RegistrationViews.Wrapped checkIn(@PathParam("registrationId") String registrationId) {
        return new RegistrationViews.Wrapped(RegistrationView.of(registrations.checkIn(registrationId, caller)));
    }

    @DELETE
    @Path("/{registrationId}/check-in")
    @Operation(summary = "Undo a check-in, for a wrong scan (MANAGE_ATTENDEES)")
    public RegistrationViews.Wrapped undoCheckIn(@PathParam("registrationId") String registrationId) {
        return new RegistrationViews.Wrapped(RegistrationView.of(registrations.undoCheckIn(registrationId, caller)));
    }
}
