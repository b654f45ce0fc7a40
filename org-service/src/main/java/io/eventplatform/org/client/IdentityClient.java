package io.eventplatform.org.client;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Asks identity-service for a user the replica has not heard of yet (registered a moment ago), with a short
 * timeout and a circuit breaker.
 */
@ApplicationScoped
public class IdentityClient {

    private final IdentityApi api;

    public IdentityClient(@RestClient IdentityApi api) {
        this.api = api;
    }

    @Timeout(value = 1500, unit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Optional<IdentityApi.UserLookup> byEmail(String email) {
        return notFoundAsEmpty(() -> api.byEmail(email));
    }

    @Timeout(value = 1500, unit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Optional<IdentityApi.UserLookup> byId(String id) {
        return notFoundAsEmpty(() -> api.byId(id));
    }

    private static Optional<IdentityApi.UserLookup> notFoundAsEmpty(Supplier<IdentityApi.UserLookup> call) {
        try {
            return Optional.of(call.get());
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
