package io.eventplatform.event.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.eventplatform.common.contracts.OrganizationEvents.OrganizationSnapshot;

/** org-service's internal organization lookup ({@code quarkus.rest-client.org-service.url}). */
@Path("/internal/organizations")
@RegisterRestClient(configKey = "org-service")
@ClientHeaderParam(name = "X-Service-Token", value = "${eventplatform.internal.token}")
public interface OrgApi {

    @GET
    @Path("/{organizationId}")
    OrganizationLookup organization(@PathParam("organizationId") String organizationId);

    record OrganizationLookup(OrganizationSnapshot organization, long version) {
    }
}
