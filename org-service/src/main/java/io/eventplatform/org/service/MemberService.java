package io.eventplatform.org.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import io.eventplatform.common.contracts.MembershipEvents;
import io.eventplatform.common.client.ServiceCalls;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.security.Role;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.org.client.IdentityClient;
import io.eventplatform.org.domain.Member;
import io.eventplatform.org.domain.Organization;
import io.eventplatform.org.repository.UserReplicaRepository;
import io.eventplatform.org.repository.UserReplicaRepository.KnownUser;
import io.eventplatform.org.rest.OrganizationRequests;
import io.eventplatform.org.rest.OrganizationViews.MemberView;

/**
 * Team management: ORGANIZER and SUPER_ADMIN manage members, only a SUPER_ADMIN touches SUPER_ADMIN, the last
 * member who manages the organization stays, and anyone may leave.
 */
@ApplicationScoped
public class MemberService {

    static final String LAST_MANAGER = "An organization must keep at least one ORGANIZER or SUPER_ADMIN";
    private static final Logger LOG = Logger.getLogger(MemberService.class);

    private final OrganizationChanges changes;
    private final OrganizationAccess access;
    private final UserReplicaRepository users;
    private final IdentityClient identity;

    public MemberService(OrganizationChanges changes, OrganizationAccess access, UserReplicaRepository users,
            IdentityClient identity) {
        this.changes = changes;
        this.access = access;
        this.users = users;
        this.identity = identity;
    }

    public List<MemberView> list(String organizationId, CurrentUser caller) {
        return views(access.load(organizationId, caller).organization());
    }

    public MemberView add(String organizationId, OrganizationRequests.AddMember request, CurrentUser caller) {
        Role role = request.role() == null ? Role.STAFF : request.role();
        // Only someone who may add members learns whether an email belongs to a user.
        OrganizationAccess.Access before = access.load(organizationId, caller);
        before.requireManager();
        before.requireSuperAdminFor(null, role);
        KnownUser user = userByEmail(request.email().trim().toLowerCase(java.util.Locale.ROOT));
        Organization saved = changes.apply(organizationId, caller, current -> {
            current.requireManager();
            current.requireSuperAdminFor(null, role);
            Organization o = current.organization();
            if (o.member(user.id()).isPresent()) {
                throw ApiException.badRequest("User is already a member of this organization");
            }
            Instant now = Clocks.now();
            Member member = new Member();
            member.id = new ObjectId();
            member.userId = user.id();
            member.role = role;
            boolean manager = role == Role.ORGANIZER || role == Role.SUPER_ADMIN;
            member.canCreateEvents = orDefault(request.canCreateEvents(), manager);
            member.canManageAttendees = orDefault(request.canManageAttendees(), manager);
            member.canViewAnalytics = orDefault(request.canViewAnalytics(), true);
            member.canExportData = orDefault(request.canExportData(), manager);
            member.invitedBy = caller.id();
            member.joinedAt = now;
            member.updatedAt = now;
            member.version = 1;
            o.members.add(member);
            return List.of(OrganizationChanges.membershipEvent(MembershipEvents.ADDED, o, member));
        });
        return MemberView.of(saved, saved.member(user.id()).orElseThrow(), user.name(), user.email());
    }

    public MemberView change(String organizationId, String userId, OrganizationRequests.ChangeMember request,
            CurrentUser caller) {
        Organization saved = changes.apply(organizationId, caller, current -> {
            current.requireManager();
            Organization o = current.organization();
            Member member = o.member(userId).orElseThrow(() -> ApiException.notFound("Member not found"));
            current.requireSuperAdminFor(member, request.role());
            if (request.role() != null && member.manages() && !(request.role() == Role.ORGANIZER || request.role() == Role.SUPER_ADMIN)
                    && o.managers() == 1) {
                throw ApiException.badRequest(LAST_MANAGER);
            }
            if (request.role() != null) {
                member.role = request.role();
            }
            member.canCreateEvents = orDefault(request.canCreateEvents(), member.canCreateEvents);
            member.canManageAttendees = orDefault(request.canManageAttendees(), member.canManageAttendees);
            member.canViewAnalytics = orDefault(request.canViewAnalytics(), member.canViewAnalytics);
            member.canExportData = orDefault(request.canExportData(), member.canExportData);
            member.updatedAt = Clocks.now();
            member.version++;
            return List.of(OrganizationChanges.membershipEvent(MembershipEvents.CHANGED, o, member));
        });
        Member member = saved.member(userId).orElseThrow();
        return views(saved).stream().filter(v -> v.id().equals(member.id.toHexString())).findFirst().orElseThrow();
    }

    public void remove(String organizationId, String userId, CurrentUser caller) {
        changes.apply(organizationId, caller, current -> {
            Organization o = current.organization();
            Member member = o.member(userId).orElseThrow(() -> ApiException.notFound("Member not found"));
            boolean leaving = userId.equals(caller.id());
            if (!leaving) {
                current.requireManager();
                current.requireSuperAdminFor(member, null);
            }
            if (member.manages() && o.managers() == 1) {
                throw ApiException.badRequest(LAST_MANAGER);
            }
            member.updatedAt = Clocks.now();
            member.version++;
            o.members.remove(member);
            return List.of(OrganizationChanges.membershipEvent(MembershipEvents.REMOVED, o, member));
        });
    }

    /** Member entries with names and emails: from the user replica, or identity-service for users it lacks. */
    public List<MemberView> views(Organization organization) {
        List<String> ids = organization.members.stream().map(m -> m.userId).toList();
        Map<String, KnownUser> known = users.byIds(ids).stream().collect(Collectors.toMap(KnownUser::id, Function.identity()));
        return organization.members.stream().map(m -> {
            KnownUser user = known.containsKey(m.userId) ? known.get(m.userId) : userById(m.userId);
            return MemberView.of(organization, m, user == null ? null : user.name(), user == null ? null : user.email());
        }).toList();
    }

    private KnownUser userByEmail(String email) {
        return users.byEmail(email).or(() -> ServiceCalls.orUnavailable("User directory", () -> identity.byEmail(email))
                .map(lookup -> {
                    users.apply(lookup.user(), lookup.version());
                    return new KnownUser(lookup.user().id(), lookup.user().email(), lookup.user().name());
                })).orElseThrow(() -> ApiException.notFound("No user with that email"));
    }

    private KnownUser userById(String id) {
        try {
            return identity.byId(id).map(lookup -> {
                users.apply(lookup.user(), lookup.version());
                return new KnownUser(lookup.user().id(), lookup.user().email(), lookup.user().name());
            }).orElse(null);
        } catch (RuntimeException e) {
            LOG.debugf("identity-service lookup failed, showing member without name: %s", e.toString());
            return null;
        }
    }

    private static boolean orDefault(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }
}
