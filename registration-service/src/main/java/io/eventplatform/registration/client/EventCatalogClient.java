package io.eventplatform.registration.client;

import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.eventplatform.common.client.ServiceCalls;

/** Asks event-service for an event the replica has not heard of yet, with a timeout and a circuit breaker. */
@ApplicationScoped
public class EventCatalogClient {

    private final EventCatalogApi api;

    public EventCatalogClient(@RestClient EventCatalogApi api) {
        this.api = api;
    }

    @Timeout(value = 1500, unit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Optional<EventCatalogApi.Catalog> catalog(String eventId) {
        return ServiceCalls.notFoundAsEmpty(() -> api.catalog(eventId));
    }
}
