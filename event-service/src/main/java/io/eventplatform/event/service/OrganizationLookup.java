package io.eventplatform.event.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.client.ServiceCalls;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.event.client.OrgClient;
import io.eventplatform.event.repository.OrganizationReplicaRepository;
import io.eventplatform.event.repository.OrganizationReplicaRepository.OrganizationInfo;

/** An organization's name and plan: from the replica, or from org-service when it was created a moment ago. */
@ApplicationScoped
public class OrganizationLookup {

    private final OrganizationReplicaRepository replica;
    private final OrgClient orgService;

    public OrganizationLookup(OrganizationReplicaRepository replica, OrgClient orgService) {
        this.replica = replica;
        this.orgService = orgService;
    }

    public OrganizationInfo require(String organizationId) {
        OrganizationInfo found = replica.find(organizationId).orElseGet(() -> fetch(organizationId));
        if (found.deleted()) {
            throw ApiException.notFound("Organization not found");
        }
        return found;
    }

    private OrganizationInfo fetch(String organizationId) {
        return ServiceCalls.orUnavailable("Organization directory", () -> orgService.organization(organizationId))
                .map(lookup -> {
                    replica.apply(lookup.organization(), lookup.version());
                    return replica.find(organizationId).orElseThrow();
                }).orElseThrow(() -> ApiException.notFound("Organization not found"));
    }
}
