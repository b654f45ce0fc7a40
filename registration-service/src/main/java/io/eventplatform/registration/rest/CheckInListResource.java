package io.eventplatform.registration.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.eventplatform.common.pagination.PageRequest;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.registration.rest.CheckInListViews.CheckInListView;
import io.eventplatform.registration.service.CheckInListService;
import io.eventplatform.registration.service.ScanService;
import io.quarkus.security.Authenticated;

/** An event's entrances: who each admits and when, and the scans at them (entries and exits). */
@Path("/api/check-in-lists")
@Tag(name = "check-in lists")
@Authenticated
@SecurityRequirement(name = "bearer")
public class CheckInListResource {

    private final CheckInListService lists;
    private final ScanService door;
    private final CurrentUser caller;

    public CheckInListResource(CheckInListService lists, ScanService door, CurrentUser caller) {
        this.lists = lists;
        this.door = door;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The event's check-in lists, its default list first (CHECK_IN_ATTENDEES)")
    public CheckInListViews.WrappedList list(@QueryParam("event_id") String eventId) {
        return new CheckInListViews.WrappedList(lists.ofEvent(eventId, caller).stream().map(CheckInListView::of).toList());
    }

    @POST
    @Operation(summary = "Create a check-in list (EDIT_EVENT)")
    public Response create(@Valid @NotNull CheckInListRequests.Settings body) {
        return Response.status(201).entity(new CheckInListViews.Wrapped(CheckInListView.of(lists.create(body, caller)))).build();
    }

    @GET
    @Path("/{checkInListId}")
    @Operation(summary = "A check-in list; the event's id names its default list (CHECK_IN_ATTENDEES)")
    public CheckInListViews.Wrapped get(@PathParam("checkInListId") String listId) {
        return new CheckInListViews.Wrapped(CheckInListView.of(lists.get(listId, caller)));
    }

    @PUT
    @Path("/{checkInListId}")
    @Operation(summary = "Replace a check-in list's settings (EDIT_EVENT)")
    public CheckInListViews.Wrapped replace(@PathParam("checkInListId") String listId, @Valid @NotNull CheckInListRequests.Settings body) {
        return new CheckInListViews.Wrapped(CheckInListView.of(lists.replace(listId, body, caller)));
    }

    @DELETE
    @Path("/{checkInListId}")
    @Operation(summary = "Delete a check-in list; the default list stays (EDIT_EVENT)")
    public Response delete(@PathParam("checkInListId") String listId) {
        lists.delete(listId, caller);
        return Response.noContent().build();
    }

    @POST
    @Path("/{checkInListId}/scans")
    @Operation(summary = "Scan a ticket at the list, entry or exit: admitted, exited or refused with a reason (CHECK_IN_ATTENDEES)")
    public CheckInListViews.WrappedScan scan(@PathParam("checkInListId") String listId, @Valid @NotNull CheckInListRequests.ScanRequest body) {
        return new CheckInListViews.WrappedScan(CheckInListViews.ScanView.of(door.scan(listId, body, caller)));
    }

    @POST
    @Path("/{checkInListId}/scans/{scanId}/undo")
    @Operation(summary = "Undo a scan (by its nonce) while it is its ticket's last admission or exit at the list: the "
            + "standing goes back to where it was, and the history records the undo (CHECK_IN_ATTENDEES)")
    public CheckInListViews.WrappedScan undo(@PathParam("checkInListId") String listId, @PathParam("scanId") String scanId) {
        return new CheckInListViews.WrappedScan(CheckInListViews.ScanView.of(door.undo(listId, scanId, caller)));
    }

    @POST
    @Path("/{checkInListId}/scans/batch")
    @Operation(summary = "Up to 500 scans a door device made, maybe offline, each with its nonce and time: applied in time "
            + "order, a nonce counts once, and what the rules refuse now is answered and recorded as a conflict (CHECK_IN_ATTENDEES)")
    public CheckInListViews.BatchView batch(@PathParam("checkInListId") String listId, @Valid @NotNull CheckInListRequests.Batch body) {
        return CheckInListViews.BatchView.of(door.batch(listId, body, caller));
    }

    @GET
    @Path("/{checkInListId}/offline")
    @Operation(summary = "What a door device downloads to admit people offline: public ticket keys, and the registrations "
            + "changed since the cursor (name, ticket, status, standing on the list, revocations), in pages (CHECK_IN_ATTENDEES)")
    public CheckInListViews.OfflineView offline(@PathParam("checkInListId") String listId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        return CheckInListViews.OfflineView.of(door.offline(listId, cursor, limit, caller));
    }

    @GET
    @Path("/{checkInListId}/scans")
    @Operation(summary = "The list's scan history, newest first: time, device, staff member, direction, result, reason (MANAGE_ATTENDEES)")
    public CheckInListViews.History history(@PathParam("checkInListId") String listId, @QueryParam("page") String page,
            @QueryParam("limit") String limit) {
        PageRequest request = PageRequest.of(page, limit);
        return CheckInListViews.History.of(door.history(listId, request, caller), request);
    }
}
