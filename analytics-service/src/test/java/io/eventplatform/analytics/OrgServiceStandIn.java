package io.eventplatform.analytics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.eventplatform.common.directory.OrgDirectoryApi.MembershipLookup;
import io.eventplatform.common.testing.Memberships;

/** Stands in for org-service's membership lookup, which the directory uses on a replica miss. */
@Path("/internal/memberships")
public class OrgServiceStandIn {

    @GET
    @Path("/{organizationId}/{userId}")
    public MembershipLookup membership(@PathParam("organizationId") String organizationId, @PathParam("userId") String userId) {
        return Memberships.lookup(organizationId, userId);
    }
}
