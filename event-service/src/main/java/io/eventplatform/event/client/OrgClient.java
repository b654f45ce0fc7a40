package io.eventplatform.event.client;

import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.eventplatform.common.client.ServiceCalls;

/** Asks org-service for an organization the replica has not heard of yet, with a timeout and a circuit breaker. */
@ApplicationScoped
public class OrgClient {

    private final OrgApi api;

    public OrgClient(@RestClient OrgApi api) {
        this.api = api;
    }

    @Timeout(value = 1500, unit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Optional<OrgApi.OrganizationLookup> organization(String organizationId) {
        return ServiceCalls.notFoundAsEmpty(() -> api.organization(organizationId));
    }
}
