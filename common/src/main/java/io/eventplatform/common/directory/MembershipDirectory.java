package io.eventplatform.common.directory;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.client.ServiceCalls;
import io.eventplatform.common.client.SingleFlight;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.security.Permission;
import io.eventplatform.common.security.Role;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * "May this user do this in this organization?" for every service but org-service: answered from the local
 * membership replica; on a miss, from org-service directly (and the answer is kept). Platform administrators are
 * SUPER_ADMIN everywhere.
 * <p>
 * One rule for every service: whatever a non-member asks for in an organization (the organization itself, or one of
 * its events, templates, registrations…) does not exist for them, so they get the same 404 as for an id that does
 * not exist and ids cannot be probed. A member without the permission gets 403 "Insufficient permissions".
 */
@ApplicationScoped
@IfBuildProperty(name = "eventplatform.directory.enabled", stringValue = "true")
public class MembershipDirectory {

    public static final String ORGANIZATION_NOT_FOUND = "Organization not found";
    public static final String INSUFFICIENT = "Insufficient permissions";

    private final MembershipReplica replica;
    private final OrgDirectoryClient orgService;
    private final PlatformAdmins admins;
    private final SingleFlight<String, Optional<Role>> asking = new SingleFlight<>();

    public MembershipDirectory(MembershipReplica replica, OrgDirectoryClient orgService, PlatformAdmins admins) {
        this.replica = replica;
        this.orgService = orgService;
        this.admins = admins;
    }

    public Optional<Role> role(String organizationId, CurrentUser caller) {
        return admins.isAdmin(caller) ? Optional.of(Role.SUPER_ADMIN) : memberRole(organizationId, caller.id());
    }

    /** The user's role as a member of the organization (platform administrators aside). */
    Optional<Role> memberRole(String organizationId, String userId) {
        Optional<Role> known = replica.role(organizationId, userId);
        if (known.isPresent()) {
            return known;
        }
        // Concurrent checks of one membership the replica has not heard of share one call to org-service.
        return asking.call(organizationId + "/" + userId, () -> ServiceCalls.orUnavailable("Permission check",
                () -> orgService.membership(organizationId, userId)).flatMap(lookup -> {
                    replica.apply(lookup.membership(), lookup.version());
                    return replica.role(organizationId, userId);
                }));
    }

    /** The organizations the caller is a member of, as far as this service has heard. */
    public java.util.List<String> organizationsOf(CurrentUser caller) {
        return replica.organizationsOf(caller.id());
    }

    /** For an organization asked for by its id: 404 "Organization not found" for a non-member. */
    public Role require(CurrentUser caller, String organizationId, Permission permission) {
        return require(caller, organizationId, permission, ORGANIZATION_NOT_FOUND);
    }

    /**
     * The caller's role if it grants {@code permission}; 404 {@code notFound} (what an unknown id of the thing asked
     * for answers) for a non-member, 403 for a member without the permission.
     */
    public Role require(CurrentUser caller, String organizationId, Permission permission, String notFound) {
        Role role = requireMember(caller, organizationId, notFound);
        if (!role.has(permission)) {
            throw ApiException.forbidden(INSUFFICIENT);
        }
        return role;
    }

    /** For an organization asked for by its id: the caller's role, whatever it is; 404 for a non-member. */
    public Role requireMember(CurrentUser caller, String organizationId) {
        return requireMember(caller, organizationId, ORGANIZATION_NOT_FOUND);
    }

    /** The caller's role, whatever it is; 404 {@code notFound} for a non-member. */
    public Role requireMember(CurrentUser caller, String organizationId, String notFound) {
        return role(organizationId, caller).orElseThrow(() -> ApiException.notFound(notFound));
    }
}
