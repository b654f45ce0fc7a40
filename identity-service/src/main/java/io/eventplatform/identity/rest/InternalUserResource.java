package io.eventplatform.identity.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.bson.types.ObjectId;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.eventplatform.common.contracts.UserEvents.UserSnapshot;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.identity.domain.User;
import io.eventplatform.identity.repository.UserRepository;

/**
 * Service-to-service user lookups (org-service adds members by email and shows their names). Under
 * {@code /internal/}: never routed by the gateway, and only for callers with the service credential.
 */
@Path("/internal/users")
public class InternalUserResource {

    private final UserRepository users;

    public InternalUserResource(UserRepository users) {
        this.users = users;
    }

    @GET
    @Operation(hidden = true)
    public UserLookup byEmail(@QueryParam("email") String email) {
        return users.findByEmail(email).map(UserLookup::of).orElseThrow(() -> ApiException.notFound("User not found"));
    }

    @GET
    @Path("/{id}")
    @Operation(hidden = true)
    public UserLookup byId(@PathParam("id") String id) {
        if (!ObjectId.isValid(id)) {
            throw ApiException.notFound("User not found");
        }
        return users.findByIdOptional(new ObjectId(id)).map(UserLookup::of)
                .orElseThrow(() -> ApiException.notFound("User not found"));
    }

    public record UserLookup(UserSnapshot user, long version) {
        static UserLookup of(User user) {
            return new UserLookup(user.snapshot(), user.version);
        }
    }
}
