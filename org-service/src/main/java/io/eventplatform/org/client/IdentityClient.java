package io.eventplatform.org.client;

import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.eventplatform.common.client.ServiceCalls;

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
        return ServiceCalls.notFoundAsEmpty(() -> api.byEmail(email));
    }

    @Timeout(value = 1500, unit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Optional<IdentityApi.UserLookup> byId(String id) {
        return ServiceCalls.notFoundAsEmpty(() -> api.byId(id));
    }
}
