package io.eventplatform.org.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.bson.types.ObjectId;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.eventplatform.common.contracts.OrganizationEvents.OrganizationSnapshot;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.org.repository.OrganizationRepository;

/**
 * For services whose replica has not heard of an organization yet (created a moment ago): its snapshot and version.
 * Under {@code /internal/}: never routed by the gateway, only for callers with the service credential.
 */
@Path("/internal/organizations")
public class InternalOrganizationResource {

    private final OrganizationRepository organizations;

    public InternalOrganizationResource(OrganizationRepository organizations) {
        this.organizations = organizations;
    }

    @GET
    @Path("/{organizationId}")
    @Operation(hidden = true)
    public OrganizationLookup organization(@PathParam("organizationId") String organizationId) {
        if (!ObjectId.isValid(organizationId)) {
            throw ApiException.notFound("Organization not found");
        }
        return organizations.findActive(new ObjectId(organizationId))
                .map(o -> new OrganizationLookup(o.snapshot(), o.version))
                .orElseThrow(() -> ApiException.notFound("Organization not found"));
    }

    public record OrganizationLookup(OrganizationSnapshot organization, long version) {
    }
}
