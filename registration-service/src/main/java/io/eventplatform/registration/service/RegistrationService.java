package io.eventplatform.registration.service;

import java.time.Instant;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.id.Ids;
import io.eventplatform.common.outbox.OutboxRelay;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.registration.domain.PaymentStatus;
import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.domain.RegistrationStatus;
import io.eventplatform.registration.repository.InventoryRepository;
import io.eventplatform.registration.repository.RegistrationRepository;
import io.eventplatform.registration.rest.RegistrationRequests;

/**
 * Registering: the event's and the ticket type's rules, then a seat taken in the inventory (one conditional update:
 * never more seats than capacity or max_attendees, whatever the concurrency and however many replicas), then the
 * registration stored with its event. One registration per (event, email) is the unique index's decision.
 */
@ApplicationScoped
public class RegistrationService {

    static final String EMAIL_TAKEN = "Email already registered for this event";

    private final CatalogLookup catalog;
    private final InventoryRepository inventory;
    private final RegistrationRepository registrations;
    private final OutboxRelay relay;
    private final HoldSettler holds;
    private final WaitlistPromoter waitlist;

    public RegistrationService(CatalogLookup catalog, InventoryRepository inventory, RegistrationRepository registrations,
            OutboxRelay relay, HoldSettler holds, WaitlistPromoter waitlist) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.registrations = registrations;
        this.relay = relay;
        this.holds = holds;
        this.waitlist = waitlist;
    }

    public Registration register(RegistrationRequests.Create request, CurrentUser caller) {
        String eventId = Ids.fromBody(request.eventId(), "event_id").toHexString();
        String ticketTypeId = Ids.fromBody(request.ticketTypeId(), "ticket_type_id").toHexString();
        EventSnapshot event = catalog.event(eventId);
        TicketTypeSnapshot ticketType = catalog.ticketType(eventId, ticketTypeId);
        Instant now = Clocks.now();
        RegistrationRules.requireOpen(event, ticketType, now);
        String email = request.email().trim().toLowerCase(Locale.ROOT);

        Registration r = new Registration();
        r.id = new ObjectId();
        r.eventId = eventId;
        r.ticketTypeId = ticketTypeId;
        r.organizationId = event.organizationId();
        r.userId = caller.id();
        r.firstName = request.firstName().trim();
        r.lastName = request.lastName().trim();
        r.email = email;
        r.phone = request.phone();
        r.company = request.company();
        r.jobTitle = request.jobTitle();
        r.customFields = request.customFields() == null ? null : RegistrationRules.customFields(request.customFields());
        r.source = request.source() == null ? "web" : request.source();
        r.referralCode = request.referralCode();
        r.paymentAmount = RegistrationRules.priceAt(ticketType, now);
        r.createdAt = now;
        r.updatedAt = now;
        r.version = 1;

        String hold = r.idHex();
        boolean seated = inventory.take(eventId, ticketTypeId, ticketType.capacity(), event.maxAttendees(), hold, r.idHex(), now);
        if (seated) {
            r.seat = hold;
            RegistrationRules.admit(r, event.requireApproval(), now);
            r.outbox.add(RegistrationEventsOut.of(r.status == RegistrationStatus.CONFIRMED
                    ? RegistrationEventsOut.CONFIRMED : RegistrationEventsOut.CREATED, r));
        } else if (event.waitlistEnabled()) {
            r.status = RegistrationStatus.WAITLIST;
            r.paymentStatus = PaymentStatus.PENDING;
            r.outbox.add(RegistrationEventsOut.of(RegistrationEventsOut.WAITLISTED, r));
        } else {
            throw ApiException.badRequest(inventory.ticketTypeFull(eventId, ticketTypeId, ticketType.capacity())
                    ? "Ticket type sold out" : "Event is full");
        }
        insert(r, seated, hold, now);
        if (r.status == RegistrationStatus.WAITLIST) {
            // A seat freed between the failed take and this insert would otherwise wait for the next one.
            waitlist.promoteAfter(eventId, ticketTypeId);
        }
        return r;
    }

    private void insert(Registration r, boolean seated, String hold, Instant takenAt) {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (seated) {
                SeatReconciler.requireInTime(inventory, r.eventId, r.ticketTypeId, hold, takenAt);
            }
            r.qrCode = QrCodes.generate();
            if (registrations.insertIfAbsent(r)) {
                if (seated) {
                    holds.stored(r.eventId, hold);
                }
                relay.nudge(Registration.COLLECTION, r.id);
                return;
            }
            if (seated && registrations.exists(r.id)) {
                // Too slow: the reconciler reclaimed this seat and fenced the insert out.
                throw new ApiException(503, "The seat could not be confirmed in time; please try again");
            }
            if (registrations.emailTaken(r.eventId, r.email)) {
                if (seated && inventory.releaseHold(r.eventId, r.ticketTypeId, hold)) {
                    waitlist.promoteEvent(r.eventId);
                }
                throw ApiException.badRequest(EMAIL_TAKEN);
            }
        }
        throw new IllegalStateException("Could not store a registration with a fresh QR code");
    }
}
