package io.eventplatform.org.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.directory.PlatformAdmins;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.id.Ids;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.security.Role;
import io.eventplatform.org.domain.Member;
import io.eventplatform.org.domain.Organization;
import io.eventplatform.org.repository.OrganizationRepository;

/**
 * Who may see and change an organization, from org-service's own memberships. An organization a caller is not a
 * member of does not exist for them: the same 404 "Organization not found" as for an id that does not exist, so ids
 * cannot be probed (every service answers so). Platform administrators are SUPER_ADMIN everywhere.
 */
@ApplicationScoped
public class OrganizationAccess {

    public static final String NOT_FOUND = "Organization not found";
    public static final String INSUFFICIENT = "Insufficient permissions";

    private final OrganizationRepository organizations;
    private final PlatformAdmins admins;

    public OrganizationAccess(OrganizationRepository organizations, PlatformAdmins admins) {
        this.organizations = organizations;
        this.admins = admins;
    }

    public boolean isPlatformAdmin(CurrentUser caller) {
        return admins.isAdmin(caller);
    }

    public Optional<Role> roleIn(Organization organization, CurrentUser caller) {
        if (isPlatformAdmin(caller)) {
            return Optional.of(Role.SUPER_ADMIN);
        }
        return organization.member(caller.id()).map(m -> m.role);
    }

    /** The organization with the caller's role in it; 404 for an unknown or malformed id and for a non-member. */
    public Access load(String organizationId, CurrentUser caller) {
        Organization found = organizations.findActive(Ids.fromPath(organizationId, NOT_FOUND))
                .orElseThrow(() -> ApiException.notFound(NOT_FOUND));
        Role role = roleIn(found, caller).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
        return new Access(found, role);
    }

    public record Access(Organization organization, Role role) {

        public boolean manages() {
            return role == Role.SUPER_ADMIN || role == Role.ORGANIZER;
        }

        public void requireManager() {
            if (!manages()) {
                throw ApiException.forbidden(INSUFFICIENT);
            }
        }

        public void requireSuperAdminFor(Member target, Role newRole) {
            boolean touchesSuperAdmin = (target != null && target.role == Role.SUPER_ADMIN) || newRole == Role.SUPER_ADMIN;
            if (touchesSuperAdmin && role != Role.SUPER_ADMIN) {
                throw ApiException.forbidden("Only a super admin can grant, change or remove super admin");
            }
        }
    }
}
