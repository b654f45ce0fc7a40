package io.eventplatform.org.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.contracts.MembershipEvents;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.mongo.ConditionalSaves;
import io.eventplatform.common.outbox.OutboxEntry;
import io.eventplatform.common.outbox.OutboxRelay;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.org.domain.Member;
import io.eventplatform.org.domain.Organization;
import io.eventplatform.org.repository.OrganizationRepository;

/**
 * Every change to an organization or its members: read, check, change, then save the new state and its events in
 * one conditional write; if another change came first, start over from a fresh read, so rules such as "keep one
 * organizer" hold under any concurrency.
 */
@ApplicationScoped
public class OrganizationChanges {

    private final OrganizationRepository organizations;
    private final OrganizationAccess access;
    private final OutboxRelay relay;

    public OrganizationChanges(OrganizationRepository organizations, OrganizationAccess access, OutboxRelay relay) {
        this.organizations = organizations;
        this.access = access;
        this.relay = relay;
    }

    /** A change: mutates the organization it is given and returns its events (none: nothing to save). */
    @FunctionalInterface
    public interface Change {
        List<OutboxEntry> apply(OrganizationAccess.Access access);
    }

    public Organization apply(String organizationId, CurrentUser caller, Change change) {
        return ConditionalSaves.untilSaved("The organization is being changed concurrently; try again", attempt -> {
            OrganizationAccess.Access current = access.load(organizationId, caller);
            Organization organization = current.organization();
            long revision = organization.revision;
            List<OutboxEntry> events = change.apply(current);
            if (events.isEmpty()) {
                return Optional.of(organization);
            }
            if (!organizations.saveIfUnchanged(organization, revision, events)) {
                return Optional.empty();
            }
            relay.nudge(Organization.COLLECTION, organization.id);
            return Optional.of(organization);
        });
    }

    public void created(Organization organization) {
        relay.nudge(Organization.COLLECTION, organization.id);
    }

    public static OutboxEntry organizationEvent(String type, Organization organization) {
        return OutboxEntry.of(AggregateType.ORGANIZATION, DomainEvent.of(AggregateType.ORGANIZATION, type,
                organization.idHex(), organization.version, organization.idHex(), organization.snapshot()));
    }

    public static OutboxEntry membershipEvent(String type, Organization organization, Member member) {
        Instant removedAt = MembershipEvents.REMOVED.equals(type) ? member.updatedAt : null;
        return OutboxEntry.of(AggregateType.MEMBERSHIP, DomainEvent.of(AggregateType.MEMBERSHIP, type,
                member.id.toHexString(), member.version, organization.idHex(), member.snapshot(organization.idHex(), removedAt)));
    }
}
