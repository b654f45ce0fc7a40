package io.eventplatform.org.rest;

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
import io.eventplatform.org.service.MemberService;
import io.quarkus.security.Authenticated;

@Path("/api/organizations/{organizationId}/members")
@Tag(name = "members")
@Authenticated
@SecurityRequirement(name = "bearer")
public class MemberResource {

    private final MemberService members;
    private final CurrentUser caller;

    public MemberResource(MemberService members, CurrentUser caller) {
        this.members = members;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The organization's members (any member)")
    public OrganizationViews.MemberList list(@PathParam("organizationId") String organizationId) {
        return new OrganizationViews.MemberList(members.list(organizationId, caller));
    }

    @POST
    @Operation(summary = "Add a registered user by email (ORGANIZER or SUPER_ADMIN)")
    public Response add(@PathParam("organizationId") String organizationId, @Valid @NotNull OrganizationRequests.AddMember body) {
        return Response.status(201).entity(new OrganizationViews.MemberWrapped(members.add(organizationId, body, caller))).build();
    }

    @PATCH
    @Path("/{userId}")
    @Operation(summary = "Change a member's role or permissions (ORGANIZER or SUPER_ADMIN)")
    public OrganizationViews.MemberWrapped change(@PathParam("organizationId") String organizationId,
            @PathParam("userId") String userId, @Valid @NotNull OrganizationRequests.ChangeMember body) {
        return new OrganizationViews.MemberWrapped(members.change(organizationId, userId, body, caller));
    }

    @DELETE
    @Path("/{userId}")
    @Operation(summary = "Remove a member (ORGANIZER or SUPER_ADMIN), or leave (any member)")
    public Response remove(@PathParam("organizationId") String organizationId, @PathParam("userId") String userId) {
        members.remove(organizationId, userId, caller);
        return Response.noContent().build();
    }
}
