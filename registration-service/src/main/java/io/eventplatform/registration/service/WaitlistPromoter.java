package io.eventplatform.registration.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;

import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.outbox.OutboxRelay;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.domain.RegistrationStatus;
import io.eventplatform.registration.repository.InventoryRepository;
import io.eventplatform.registration.repository.RegistrationRepository;

/**
 * Gives freed seats to the waitlist, oldest first: a seat is taken in the inventory before a waitlisted
 * registration is promoted (conditionally on it still waiting), so one seat is never given twice and a promotion
 * that loses a race gives its seat back for the next in line.
 */
@ApplicationScoped
public class WaitlistPromoter {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(WaitlistPromoter.class);

    private final RegistrationRepository registrations;
    private final InventoryRepository inventory;
    private final CatalogLookup catalog;
    private final OutboxRelay relay;
    private final HoldSettler holds;

    public WaitlistPromoter(RegistrationRepository registrations, InventoryRepository inventory, CatalogLookup catalog,
            OutboxRelay relay, HoldSettler holds) {
        this.registrations = registrations;
        this.inventory = inventory;
        this.catalog = catalog;
        this.relay = relay;
        this.holds = holds;
    }

    /**
     * Promotes after a change that is already committed: a failure is logged, not thrown, because the change stands;
     * the next freed seat, capacity change or event update promotes again.
     */
    public void promoteAfter(String eventId, String ticketTypeId) {
        try {
            promote(eventId, ticketTypeId);
        } catch (RuntimeException e) {
            LOG.warnf("Waitlist promotion for ticket type %s postponed: %s", ticketTypeId, e.toString());
        }
    }

    /** Promotes as many waitlisted registrations of the ticket type as there are free seats; returns how many. */
    public int promote(String eventId, String ticketTypeId) {
        int promoted = 0;
        Optional<Registration> next;
        while ((next = registrations.oldestWaitlisted(eventId, ticketTypeId)).isPresent()) {
            Registration r = next.get();
            EventSnapshot event = catalog.event(eventId);
            TicketTypeSnapshot ticketType = catalog.ticketType(eventId, ticketTypeId);
            Instant now = Clocks.now();
            String hold = new ObjectId().toHexString();
            if (!inventory.take(eventId, ticketTypeId, ticketType.capacity(), event.maxAttendees(), hold, r.idHex(), now)) {
                return promoted;
            }
            long version = r.version;
            RegistrationRules.admit(r, event.requireApproval(), now);
            r.updatedAt = now;
            r.version++;
            r.seat = hold;
            SeatReconciler.requireInTime(inventory, eventId, ticketTypeId, hold, now);
            boolean saved = registrations.saveIfUnchanged(r, version, Filters.eq("status", RegistrationStatus.WAITLIST.name()),
                    List.of(RegistrationEventsOut.of(RegistrationEventsOut.PROMOTED, r))).isPresent();
            if (saved) {
                holds.stored(eventId, hold);
                relay.nudge(Registration.COLLECTION, r.id);
                promoted++;
            } else {
                inventory.releaseHold(eventId, ticketTypeId, hold);
            }
        }
        return promoted;
    }

    /** After the event's limits changed: every ticket type with a waitlist gets its chance. */
    public void promoteEvent(String eventId) {
        registrations.waitlistedTicketTypes(eventId).forEach(ticketTypeId -> promoteAfter(eventId, ticketTypeId));
    }
}
