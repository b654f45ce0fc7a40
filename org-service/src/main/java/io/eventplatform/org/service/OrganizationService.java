package io.eventplatform.org.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import io.eventplatform.common.contracts.MembershipEvents;
import io.eventplatform.common.contracts.OrganizationEvents;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.outbox.OutboxEntry;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.security.Role;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.common.validation.Formats;
import io.eventplatform.org.domain.Member;
import io.eventplatform.org.domain.Organization;
import io.eventplatform.org.domain.PlanType;
import io.eventplatform.org.repository.CatalogReplicaRepository;
import io.eventplatform.org.repository.OrganizationRepository;
import io.eventplatform.org.rest.OrganizationRequests;
import io.eventplatform.org.rest.OrganizationViews.MemberView;
import io.eventplatform.org.rest.OrganizationViews.OrganizationView;

@ApplicationScoped
public class OrganizationService {

    private final OrganizationRepository organizations;
    private final OrganizationChanges changes;
    private final OrganizationAccess access;
    private final CatalogReplicaRepository catalog;
    private final MemberService members;

    public OrganizationService(OrganizationRepository organizations, OrganizationChanges changes,
            OrganizationAccess access, CatalogReplicaRepository catalog, MemberService members) {
        this.organizations = organizations;
        this.changes = changes;
        this.access = access;
        this.catalog = catalog;
        this.members = members;
    }

    /** The organization and its creator as ORGANIZER, with both their events, in one write. */
    public Organization create(OrganizationRequests.Create request, CurrentUser caller) {
        String timezone = Formats.timeZone(request.timezone() == null ? "UTC" : request.timezone());
        String currency = validCurrency(request.currency() == null ? "USD" : request.currency());
        Instant now = Clocks.now();
        Organization organization = new Organization();
        organization.id = new ObjectId();
        organization.name = request.name().trim();
        organization.slug = request.slug();
        organization.logo = request.logo();
        organization.email = request.email();
        organization.phone = request.phone();
        organization.website = request.website();
        organization.description = request.description();
        organization.timezone = timezone;
        organization.currency = currency;
        organization.planType = PlanType.FREE;
        organization.maxEvents = PlanType.FREE.maxEvents();
        organization.createdAt = now;
        organization.updatedAt = now;
        organization.version = 1;

        Member creator = new Member();
        creator.id = new ObjectId();
        creator.userId = caller.id();
        creator.role = Role.ORGANIZER;
        creator.canCreateEvents = true;
        creator.canManageAttendees = true;
        creator.canViewAnalytics = true;
        creator.canExportData = true;
        creator.joinedAt = now;
        creator.updatedAt = now;
        creator.version = 1;
        organization.members.add(creator);
        organization.outbox.add(OrganizationChanges.organizationEvent(OrganizationEvents.CREATED, organization));
        organization.outbox.add(OrganizationChanges.membershipEvent(MembershipEvents.ADDED, organization, creator));

        if (!organizations.insertIfSlugFree(organization)) {
            throw ApiException.badRequest("Organization slug already exists");
        }
        changes.created(organization);
        return organization;
    }

    public List<OrganizationView> mine(CurrentUser caller) {
        List<OrganizationView> views = new ArrayList<>();
        List<Organization> mine = organizations.findActiveByMember(caller.id());
        Map<String, Long> events = catalog.countEvents(mine.stream().map(Organization::idHex).toList());
        for (Organization organization : mine) {
            Map<String, Long> count = new LinkedHashMap<>();
            count.put("events", events.getOrDefault(organization.idHex(), 0L));
            count.put("users", (long) organization.members.size());
            views.add(OrganizationView.of(organization, null, null, count));
        }
        return views;
    }

    public OrganizationView detail(String organizationId, CurrentUser caller) {
        Organization organization = access.load(organizationId, caller).organization();
        List<MemberView> users = members.views(organization);
        List<Map<String, Object>> events = new ArrayList<>(catalog.eventsOf(organization.idHex()));
        Map<String, Long> count = new LinkedHashMap<>();
        count.put("events", (long) events.size());
        count.put("users", (long) users.size());
        count.put("templates", catalog.countTemplates(organization.idHex()));
        return OrganizationView.of(organization, users, events, count);
    }

    public Organization update(String organizationId, OrganizationRequests.Update request, CurrentUser caller) {
        String timezone = request.timezone() == null ? null : Formats.timeZone(request.timezone());
        String currency = request.currency() == null ? null : validCurrency(request.currency());
        PlanType plan = request.planType() == null ? null : validPlan(request.planType());
        return changes.apply(organizationId, caller, current -> {
            current.requireManager();
            if (plan != null && !access.isPlatformAdmin(caller)) {
                throw ApiException.forbidden("Only platform administrators can change the plan");
            }
            Organization o = current.organization();
            if (request.name() != null) {
                o.name = request.name().trim();
            }
            if (request.logo() != null) {
                o.logo = request.logo();
            }
            if (request.email() != null) {
                o.email = request.email();
            }
            if (request.phone() != null) {
                o.phone = request.phone();
            }
            if (request.website() != null) {
                o.website = request.website();
            }
            if (request.description() != null) {
                o.description = request.description();
            }
            if (timezone != null) {
                o.timezone = timezone;
            }
            if (currency != null) {
                o.currency = currency;
            }
            if (plan != null) {
                o.planType = plan;
                o.maxEvents = plan.maxEvents();
            }
            o.updatedAt = Clocks.now();
            o.version++;
            return List.of(OrganizationChanges.organizationEvent(OrganizationEvents.UPDATED, o));
        });
    }

    /**
     * Marks the organization deleted (freeing its slug) and removes every membership, publishing
     * {@code organization.deleted} and one {@code membership.removed} per member: the services that own the
     * organization's events, registrations and projections remove them when they consume it.
     */
    public void delete(String organizationId, CurrentUser caller) {
        changes.apply(organizationId, caller, current -> {
            if (current.role() != Role.SUPER_ADMIN) {
                throw ApiException.forbidden("Only super admins can delete organizations");
            }
            Organization o = current.organization();
            Instant now = Clocks.now();
            o.deletedAt = now;
            o.updatedAt = now;
            o.slug = o.slug + "--deleted-" + o.idHex();
            o.version++;
            List<OutboxEntry> events = new ArrayList<>();
            events.add(OrganizationChanges.organizationEvent(OrganizationEvents.DELETED, o));
            for (Member member : o.members) {
                member.version++;
                member.updatedAt = now;
                events.add(OrganizationChanges.membershipEvent(MembershipEvents.REMOVED, o, member));
            }
            o.members = new ArrayList<>();
            return events;
        });
    }

    static String validCurrency(String currency) {
        boolean iso4217 = Currency.getAvailableCurrencies().stream().anyMatch(c -> c.getCurrencyCode().equals(currency));
        if (!iso4217) {
            throw ApiException.unprocessable("body", "currency", "unknown currency: expected an ISO 4217 code such as USD");
        }
        return currency;
    }

    static PlanType validPlan(String plan) {
        try {
            return PlanType.valueOf(plan);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("body", "plan_type", "plan_type must be FREE, PRO or ENTERPRISE");
        }
    }
}
