package io.eventplatform.org.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.eventplatform.common.contracts.UserEvents.UserSnapshot;

/** identity-service's internal user lookups ({@code quarkus.rest-client.identity-service.url}). */
@Path("/internal/users")
@RegisterRestClient(configKey = "identity-service")
@ClientHeaderParam(name = "X-Service-Token", value = "${eventplatform.internal.token}")
public interface IdentityApi {

    @GET
    UserLookup byEmail(@QueryParam("email") String email);

    @GET
    @Path("/{id}")
    UserLookup byId(@PathParam("id") String id);

    record UserLookup(UserSnapshot user, long version) {
    }
}
