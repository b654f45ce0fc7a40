package io.eventplatform.registration.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.directory.MembershipDirectory;
import io.eventplatform.common.id.Ids;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.security.Permission;
import io.eventplatform.registration.domain.TicketKeys;

/** An event's ticket keys: door staff (CHECK_IN_ATTENDEES) read the public halves, EDIT_EVENT rotates them. */
@ApplicationScoped
public class TicketKeyService {

    private final CatalogLookup catalog;
    private final MembershipDirectory directory;
    private final Tickets tickets;

    public TicketKeyService(CatalogLookup catalog, MembershipDirectory directory, Tickets tickets) {
        this.catalog = catalog;
        this.directory = directory;
        this.tickets = tickets;
    }

    public TicketKeys keys(String eventId, CurrentUser caller) {
        EventSnapshot event = event(eventId);
        directory.require(caller, event.organizationId(), Permission.CHECK_IN_ATTENDEES, "Event not found");
        return tickets.currentKeys(new ObjectId(event.id()), event.organizationId());
    }

    public TicketKeys rotate(String eventId, CurrentUser caller) {
        EventSnapshot event = event(eventId);
        directory.require(caller, event.organizationId(), Permission.EDIT_EVENT, "Event not found");
        return tickets.rotate(new ObjectId(event.id()), event.organizationId());
    }

    private EventSnapshot event(String eventId) {
        return catalog.event(Ids.fromQuery(eventId, "event_id").toHexString());
    }
}
