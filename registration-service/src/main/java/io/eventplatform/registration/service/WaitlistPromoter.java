package io.eventplatform.registration.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;


import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.contracts.RegistrationEvents;
import io.eventplatform.common.outbox.OutboxEntry;
import io.eventplatform.common.outbox.OutboxRelay;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.domain.RegistrationStatus;
import io.eventplatform.registration.repository.RegistrationRepository;

/**
 * Gives free seats to the waitlist, oldest first. Its one entry, {@link #promote}, is called wherever seats may have
 * become free: a registration gave its seat back, the event or a ticket type changed (a raised capacity or maximum),
 * or a newcomer was just waitlisted (a seat may have been freed in between). A promotion is the waitlisted
 * registration's own conditional save with its seat numbers (SeatSlots), so one seat is never given twice.
 */
@ApplicationScoped
public class WaitlistPromoter {

    private static final Logger LOG = Logger.getLogger(WaitlistPromoter.class);

    private final RegistrationRepository registrations;
    private final SeatSlots seats;
    private final CatalogLookup catalog;
    private final OutboxRelay relay;

    public WaitlistPromoter(RegistrationRepository registrations, SeatSlots seats, CatalogLookup catalog, OutboxRelay relay) {
        this.registrations = registrations;
        this.seats = seats;
        this.catalog = catalog;
        this.relay = relay;
    }

    /**
     * Promotes as many waitlisted registrations of the event as there are free seats; returns how many. Called after
     * a change that is already committed, so a failure is logged, not thrown: the change stands, and the next freed
     * seat or catalog change promotes again.
     */
    public int promote(String eventId) {
        int promoted = 0;
        try {
            for (String ticketTypeId : registrations.waitlistedTicketTypes(eventId)) {
                promoted += promote(eventId, ticketTypeId);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Waitlist promotion for event %s postponed: %s", eventId, e.toString());
        }
        return promoted;
    }

    private int promote(String eventId, String ticketTypeId) {
        int promoted = 0;
        Optional<Registration> next;
        while ((next = registrations.oldestWaitlisted(eventId, ticketTypeId)).isPresent()) {
            Registration r = next.get();
            if (r.status != RegistrationStatus.WAITLIST) {
                // The embedded store can answer with a document saved after it matched (just promoted elsewhere);
                // saving it again would move its seat and lose the first one. Ask again.
                continue;
            }
            EventSnapshot event = catalog.event(eventId);
            TicketTypeSnapshot ticketType = catalog.ticketType(eventId, ticketTypeId);
            Instant now = Clocks.now();
            long version = r.version;
            RegistrationRules.admit(r, event.requireApproval(), now);
            r.updatedAt = now;
            r.version++;
            List<OutboxEntry> events = List.of(RegistrationEventsOut.of(RegistrationEvents.PROMOTED, r));
            try {
                Optional<Registration> saved = seats.seatAndWrite(event, ticketType, r, seated -> registrations.saveIfUnchanged(seated, version, events));
                if (saved.isPresent()) {
                    relay.nudge(Registration.COLLECTION, r.id);
                    promoted++;
                }
            } catch (SeatSlots.Full full) {
                return promoted;
            }
        }
        return promoted;
    }
}
