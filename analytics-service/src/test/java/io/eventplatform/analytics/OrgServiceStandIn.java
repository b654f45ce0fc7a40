package io.eventplatform.analytics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.eventplatform.common.contracts.MembershipEvents.MembershipSnapshot;
import io.eventplatform.common.error.ApiException;

/** Stands in for org-service's membership lookup, which the directory uses on a replica miss. */
@Path("/internal/memberships")
public class OrgServiceStandIn {

    static final Map<String, MembershipLookup> MEMBERSHIPS = new ConcurrentHashMap<>();

    @GET
    @Path("/{organizationId}/{userId}")
    public MembershipLookup membership(@PathParam("organizationId") String organizationId, @PathParam("userId") String userId) {
        MembershipLookup found = MEMBERSHIPS.get(organizationId + "/" + userId);
        if (found == null) {
            throw ApiException.notFound("Membership not found");
        }
        return found;
    }

    public record MembershipLookup(MembershipSnapshot membership, long version) {
    }
}
