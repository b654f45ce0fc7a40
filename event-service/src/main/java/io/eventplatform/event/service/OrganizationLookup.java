package io.eventplatform.event.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.eventplatform.common.error.ApiException;
import io.eventplatform.event.client.OrgClient;
import io.eventplatform.event.repository.OrganizationReplicaRepository;
import io.eventplatform.event.repository.OrganizationReplicaRepository.OrganizationInfo;

/** An organization's name and plan: from the replica, or from org-service when it was created a moment ago. */
@ApplicationScoped
public class OrganizationLookup {

    private static final Logger LOG = Logger.getLogger(OrganizationLookup.class);

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
        try {
            return orgService.organization(organizationId).map(lookup -> {
                replica.apply(lookup.organization(), lookup.version());
                return replica.find(organizationId).orElseThrow();
            }).orElseThrow(() -> ApiException.notFound("Organization not found"));
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf("org-service lookup failed: %s", e.toString());
            throw new ApiException(503, "Organization directory unavailable, try again shortly");
        }
    }
}
