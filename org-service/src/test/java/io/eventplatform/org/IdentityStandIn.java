package io.eventplatform.org;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.eventplatform.common.contracts.UserEvents.UserSnapshot;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.time.Clocks;

/**
 * Stands in for identity-service's internal user lookups, which org-service calls when its replica has not heard
 * of a user yet (the test profile points the identity client at this application).
 */
@Path("/internal/users")
public class IdentityStandIn {

    static final Map<String, UserSnapshot> USERS = new ConcurrentHashMap<>();

    static UserSnapshot register(String id, String email, String name) {
        UserSnapshot user = new UserSnapshot(id, email, name, null, null, false, Clocks.now(), Clocks.now(), 0);
        USERS.put(id, user);
        return user;
    }

    @GET
    public Lookup byEmail(@QueryParam("email") String email) {
        return USERS.values().stream().filter(u -> u.email().equals(email)).findFirst().map(u -> new Lookup(u, 1))
                .orElseThrow(() -> ApiException.notFound("User not found"));
    }

    @GET
    @Path("/{id}")
    public Lookup byId(@PathParam("id") String id) {
        UserSnapshot user = USERS.get(id);
        if (user == null) {
            throw ApiException.notFound("User not found");
        }
        return new Lookup(user, 1);
    }

    public record Lookup(UserSnapshot user, long version) {
    }
}
