package io.eventplatform.common.directory;

import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.eventplatform.common.client.ServiceCalls;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Asks org-service directly when the replica has not heard of a membership yet (made a few milliseconds ago). A
 * short timeout and a circuit breaker keep a slow or absent org-service from slowing every request down.
 */
@ApplicationScoped
@IfBuildProperty(name = "eventplatform.directory.enabled", stringValue = "true")
public class OrgDirectoryClient {

    private final OrgDirectoryApi api;

    public OrgDirectoryClient(@RestClient OrgDirectoryApi api) {
        this.api = api;
    }

    /** Empty when org-service says there is no such membership; throws when org-service cannot answer. */
    @Timeout(value = 1500, unit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Optional<OrgDirectoryApi.MembershipLookup> membership(String organizationId, String userId) {
        return ServiceCalls.notFoundAsEmpty(() -> api.membership(organizationId, userId));
    }
}
