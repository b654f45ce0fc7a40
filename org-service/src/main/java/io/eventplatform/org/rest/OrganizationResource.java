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
import io.eventplatform.org.rest.OrganizationViews.OrganizationView;
import io.eventplatform.org.service.OrganizationService;
import io.quarkus.security.Authenticated;

@Path("/api/organizations")
@Tag(name = "organizations")
@Authenticated
@SecurityRequirement(name = "bearer")
public class OrganizationResource {

    private final OrganizationService organizations;
    private final CurrentUser caller;

    public OrganizationResource(OrganizationService organizations, CurrentUser caller) {
        this.organizations = organizations;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Create an organization; the caller becomes its ORGANIZER")
    public Response create(@Valid @NotNull OrganizationRequests.Create body) {
        var organization = organizations.create(body, caller);
        return Response.status(201).entity(new OrganizationViews.Wrapped(OrganizationView.of(organization))).build();
    }

    @GET
    @Operation(summary = "The caller's organizations, with event and member counts")
    public OrganizationViews.WrappedList mine() {
        return new OrganizationViews.WrappedList(organizations.mine(caller));
    }

    @GET
    @Path("/{organizationId}")
    @Operation(summary = "An organization with its members, events and counts")
    public OrganizationViews.Wrapped detail(@PathParam("organizationId") String organizationId) {
        return new OrganizationViews.Wrapped(organizations.detail(organizationId, caller));
    }

    @PATCH
    @Path("/{organizationId}")
    @Operation(summary = "Change an organization (ORGANIZER or SUPER_ADMIN; plan_type: platform administrators)")
    public OrganizationViews.Wrapped update(@PathParam("organizationId") String organizationId,
            @Valid @NotNull OrganizationRequests.Update body) {
        return new OrganizationViews.Wrapped(OrganizationView.of(organizations.update(organizationId, body, caller)));
    }

    @DELETE
    @Path("/{organizationId}")
    @Operation(summary = "Delete an organization and, through its event, everything it owns (SUPER_ADMIN)")
    public Response delete(@PathParam("organizationId") String organizationId) {
        organizations.delete(organizationId, caller);
        return Response.noContent().build();
    }
}
