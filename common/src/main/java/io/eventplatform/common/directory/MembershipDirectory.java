package io.eventplatform.common.directory;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.client.ServiceCalls;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.security.Permission;
import io.eventplatform.common.security.Role;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * "May this user do this in this organization?" for every service but org-service: answered from the local
 * membership replica; on a miss, from org-service directly (and the answer is kept). Platform administrators are
 * SUPER_ADMIN everywhere.
 */
@ApplicationScoped
@IfBuildProperty(name = "eventplatform.directory.enabled", stringValue = "true")
public class MembershipDirectory {

    public static final String NO_ACCESS = "No access to this organization";
    public static final String INSUFFICIENT = "Insufficient permissions";

    private final MembershipReplica replica;
    private final OrgDirectoryClient orgService;
    private final PlatformAdmins admins;

    public MembershipDirectory(MembershipReplica replica, OrgDirectoryClient orgService, PlatformAdmins admins) {
        this.replica = replica;
        this.orgService = orgService;
        this.admins = admins;
    }

    public Optional<Role> role(String organizationId, String userId, String email) {
        if (admins.isAdmin(email)) {
            return Optional.of(Role.SUPER_ADMIN);
        }
        Optional<Role> known = replica.role(organizationId, userId);
        if (known.isPresent()) {
            return known;
        }
        return ServiceCalls.orUnavailable("Permission check", () -> orgService.membership(organizationId, userId))
                .flatMap(lookup -> {
                    replica.apply(lookup.membership(), lookup.version());
                    return replica.role(organizationId, userId);
                });
    }

    /** The organizations the caller is a member of, as far as this service has heard. */
    public java.util.List<String> organizationsOf(CurrentUser caller) {
        return replica.organizationsOf(caller.id());
    }

    /** The caller's role if it grants {@code permission}; 403 otherwise. */
    public Role require(CurrentUser caller, String organizationId, Permission permission) {
        Role role = role(organizationId, caller.id(), caller.email()).orElseThrow(() -> ApiException.forbidden(NO_ACCESS));
        if (!role.has(permission)) {
            throw ApiException.forbidden(INSUFFICIENT);
        }
        return role;
    }

    /** The caller's role, whatever it is; 403 for a non-member. */
    public Role requireMember(CurrentUser caller, String organizationId) {
        return role(organizationId, caller.id(), caller.email()).orElseThrow(() -> ApiException.forbidden(NO_ACCESS));
    }
}
