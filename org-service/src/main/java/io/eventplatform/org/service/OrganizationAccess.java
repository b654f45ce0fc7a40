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
 * Who may see and change an organization, from org-service's own memberships. Non-members get the same 403 for an
 * organization that exists and one that does not, so ids cannot be probed; platform administrators are SUPER_ADMIN
 * everywhere.
 */
@ApplicationScoped
public class OrganizationAccess {

    public static final String NO_ACCESS = "No access to this organization";
    public static final String INSUFFICIENT = "Insufficient permissions";

    private final OrganizationRepository organizations;
    private final PlatformAdmins admins;

    public OrganizationAccess(OrganizationRepository organizations, PlatformAdmins admins) {
        this.organizations = organizations;
        this.admins = admins;
    }

    public boolean isPlatformAdmin(CurrentUser caller) {
        return admins.isAdmin(caller.email());
    }

    public Optional<Role> roleIn(Organization organization, CurrentUser caller) {
        if (isPlatformAdmin(caller)) {
            return Optional.of(Role.SUPER_ADMIN);
        }
        return organization.member(caller.id()).map(m -> m.role);
    }

    /** The organization with the caller's role in it; 403 for non-members, 404 for a malformed id. */
    public Access load(String organizationId, CurrentUser caller) {
        Optional<Organization> found = organizations.findActive(Ids.fromPath(organizationId, "Organization not found"));
        if (found.isEmpty()) {
            if (isPlatformAdmin(caller)) {
                throw ApiException.notFound("Organization not found");
            }
            throw ApiException.forbidden(NO_ACCESS);
        }
        Role role = roleIn(found.get(), caller).orElseThrow(() -> ApiException.forbidden(NO_ACCESS));
        return new Access(found.get(), role);
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
