package io.eventplatform.org.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.bson.types.ObjectId;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.eventplatform.common.directory.OrgDirectoryApi.MembershipLookup;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.org.domain.Organization;
import io.eventplatform.org.repository.OrganizationRepository;

/**
 * The membership directory's fallback: other services ask here when their replica has not heard of a membership
 * yet. Under {@code /internal/}: never routed by the gateway, only for callers with the service credential.
 */
@Path("/internal/memberships")
public class InternalMembershipResource {

    private final OrganizationRepository organizations;

    public InternalMembershipResource(OrganizationRepository organizations) {
        this.organizations = organizations;
    }

    @GET
    @Path("/{organizationId}/{userId}")
    @Operation(hidden = true)
    public MembershipLookup membership(@PathParam("organizationId") String organizationId,
            @PathParam("userId") String userId) {
        if (!ObjectId.isValid(organizationId)) {
            throw ApiException.notFound("Membership not found");
        }
        Organization organization = organizations.findActive(new ObjectId(organizationId))
                .orElseThrow(() -> ApiException.notFound("Membership not found"));
        return organization.member(userId)
                .map(m -> new MembershipLookup(m.snapshot(organization.idHex(), null), m.version))
                .orElseThrow(() -> ApiException.notFound("Membership not found"));
    }
}
