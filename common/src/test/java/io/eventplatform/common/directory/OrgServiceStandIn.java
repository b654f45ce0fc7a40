package io.eventplatform.common.directory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.eventplatform.common.error.ApiException;

/**
 * Stands in for org-service's internal membership lookup (the test profile points the directory's client at this
 * application); it can be "stopped" to show that the directory keeps answering from its replica.
 */
@Path("/internal/memberships")
public class OrgServiceStandIn {

    static final Map<String, OrgDirectoryApi.MembershipLookup> MEMBERSHIPS = new ConcurrentHashMap<>();
    static final AtomicBoolean DOWN = new AtomicBoolean();

    static String key(String organizationId, String userId) {
        return organizationId + "/" + userId;
    }

    @GET
    @Path("/{organizationId}/{userId}")
    public OrgDirectoryApi.MembershipLookup membership(@PathParam("organizationId") String organizationId,
            @PathParam("userId") String userId) {
        if (DOWN.get()) {
            throw new ApiException(503, "org-service is down (test)");
        }
        OrgDirectoryApi.MembershipLookup found = MEMBERSHIPS.get(key(organizationId, userId));
        if (found == null) {
            throw ApiException.notFound("Membership not found");
        }
        return found;
    }
}
