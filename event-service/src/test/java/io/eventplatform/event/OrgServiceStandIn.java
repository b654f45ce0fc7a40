package io.eventplatform.event;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.eventplatform.common.contracts.OrganizationEvents.OrganizationSnapshot;
import io.eventplatform.common.directory.OrgDirectoryApi.MembershipLookup;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.testing.Memberships;

/**
 * Stands in for org-service's internal lookups (memberships and organizations), which event-service uses when its
 * replicas have not heard of something yet; the test profile points both clients at this application.
 */
@Path("/internal")
public class OrgServiceStandIn {

    static final Map<String, OrganizationLookup> ORGANIZATIONS = new ConcurrentHashMap<>();

    @GET
    @Path("/memberships/{organizationId}/{userId}")
    public MembershipLookup membership(@PathParam("organizationId") String organizationId, @PathParam("userId") String userId) {
        return Memberships.lookup(organizationId, userId);
    }

    @GET
    @Path("/organizations/{organizationId}")
    public OrganizationLookup organization(@PathParam("organizationId") String organizationId) {
        OrganizationLookup found = ORGANIZATIONS.get(organizationId);
        if (found == null) {
            throw ApiException.notFound("Organization not found");
        }
        return found;
    }

    public record OrganizationLookup(OrganizationSnapshot organization, long version) {
    }
}
