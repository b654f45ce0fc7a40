package io.eventplatform.common.directory;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.eventplatform.common.contracts.MembershipEvents.MembershipSnapshot;

/** org-service's internal membership lookup; the base URL is {@code quarkus.rest-client.org-service.url}. */
@Path("/internal/memberships")
@RegisterRestClient(configKey = "org-service")
@ClientHeaderParam(name = "X-Service-Token", value = "${eventplatform.internal.token}")
public interface OrgDirectoryApi {

    @GET
    @Path("/{organizationId}/{userId}")
    MembershipLookup membership(@PathParam("organizationId") String organizationId, @PathParam("userId") String userId);

    /** The membership and its version, as org-service holds it now. */
    record MembershipLookup(MembershipSnapshot membership, long version) {
    }
}
