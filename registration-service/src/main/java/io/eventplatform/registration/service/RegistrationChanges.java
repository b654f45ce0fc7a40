package io.eventplatform.registration.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;


import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.RegistrationEvents;
import io.eventplatform.common.directory.MembershipDirectory;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.id.Ids;
import io.eventplatform.common.mongo.ConditionalSaves;
import io.eventplatform.common.outbox.OutboxEntry;
import io.eventplatform.common.outbox.OutboxRelay;
import io.eventplatform.common.pagination.Page;
import io.eventplatform.common.pagination.PageRequest;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.security.Permission;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.registration.domain.CheckInList;
import io.eventplatform.registration.domain.PaymentStatus;
import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.domain.RegistrationStatus;
import io.eventplatform.registration.repository.RegistrationRepository;
import io.eventplatform.registration.rest.RegistrationRequests;

/**
 * Everything after registering. Each change is one conditional write of the new state with its event (at the
 * version read); a change that makes a registration hold a seat or give it back carries the seat numbers in that
 * same write (SeatSlots), so a seat is taken or freed exactly once whatever the races and crashes.
 */
@ApplicationScoped
public class RegistrationChanges {

    private static final String CONFLICT = "The registration is being changed concurrently; try again";
    private static final Map<RegistrationStatus, Set<RegistrationStatus>> TRANSITIONS = Map.of(
            RegistrationStatus.PENDING, Set.of(RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED, RegistrationStatus.REJECTED),
            RegistrationStatus.CONFIRMED, Set.of(RegistrationStatus.CANCELLED),
            RegistrationStatus.WAITLIST, Set.of(RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED),
            RegistrationStatus.CANCELLED, Set.of(RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED),
            RegistrationStatus.REJECTED, Set.of(RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED));

    private final RegistrationRepository registrations;
    private final SeatSlots seats;
    private final CatalogLookup catalog;
    private final MembershipDirectory directory;
    private final OutboxRelay relay;
    private final WaitlistPromoter waitlist;
    private final CheckInScans scans;
    private final CheckInListService lists;
    private final Tickets tickets;

    public RegistrationChanges(RegistrationRepository registrations, SeatSlots seats, CatalogLookup catalog,
            MembershipDirectory directory, OutboxRelay relay, WaitlistPromoter waitlist, CheckInScans scans,
            CheckInListService lists, Tickets tickets) {
        this.tickets = tickets;
        this.registrations = registrations;
        this.seats = seats;
        this.catalog = catalog;
        this.directory = directory;
        this.relay = relay;
        this.waitlist = waitlist;
        this.scans = scans;
        this.lists = lists;
    }

    /** A change: mutates the registration (and its version) and returns its event; none when nothing changes. */
    @FunctionalInterface
    interface Change {
        List<OutboxEntry> apply(Registration registration);
    }

    public Registration get(String id, CurrentUser caller) {
        Registration r = load(id);
        if (!r.userId.equals(caller.id())) {
            directory.require(caller, r.organizationId, Permission.VIEW_ATTENDEES, "Registration not found");
        }
        return r;
    }

    public Page<Registration> list(String eventId, String status, Boolean checkedIn, String search,
            PageRequest request, CurrentUser caller) {
        String statusFilter = status == null ? null : parseStatus(status).name();
        if (eventId == null) {
            return registrations.search(null, caller.id(), statusFilter, checkedIn, search, request);
        }
        String id = Ids.fromQuery(eventId, "event_id").toHexString();
        EventSnapshot event = catalog.event(id);
        directory.require(caller, event.organizationId(), Permission.VIEW_ATTENDEES, "Event not found");
        return registrations.search(id, null, statusFilter, checkedIn, search, request);
    }

    /** The event whose attendees the caller may export (EXPORT_ATTENDEES). */
    public String exportableEvent(String eventId, CurrentUser caller) {
        if (eventId == null) {
            throw ApiException.unprocessable("query", "event_id", "field required");
        }
        String id = Ids.fromQuery(eventId, "event_id").toHexString();
        directory.require(caller, catalog.event(id).organizationId(), Permission.EXPORT_ATTENDEES, "Event not found");
        return id;
    }

    /** The event was deleted: every registration still active is cancelled, each with its event published. */
    public void cancelAllOf(String eventId) {
        for (ObjectId id : registrations.activeIdsOfEvent(eventId)) {
            change(id, r -> {
                if (r.status == RegistrationStatus.CANCELLED || r.status == RegistrationStatus.REJECTED) {
                    return List.of();
                }
                r.status = RegistrationStatus.CANCELLED;
                r.notes = r.notes == null ? "Event deleted" : r.notes;
                return touch(r, RegistrationEvents.CANCELLED);
            });
        }
    }

    /** The owner cancels; a second cancel changes nothing. */
    public void cancel(String id, CurrentUser caller) {
        Registration r = load(id);
        if (!r.userId.equals(caller.id())) {
            directory.requireMember(caller, r.organizationId, "Registration not found");
            throw ApiException.forbidden("Cannot cancel someone else's registration");
        }
        change(r.id, reg -> {
            if (reg.status == RegistrationStatus.CANCELLED || reg.status == RegistrationStatus.REJECTED) {
                return List.of();
            }
            reg.status = RegistrationStatus.CANCELLED;
            return touch(reg, RegistrationEvents.CANCELLED);
        });
    }

    public Registration update(String id, RegistrationRequests.Update request, CurrentUser caller) {
        Registration found = load(id);
        directory.require(caller, found.organizationId, Permission.MANAGE_ATTENDEES, "Registration not found");
        return change(found.id, r -> {
            String type = null;
            Instant now = Clocks.now();
            if (request.status() != null && request.status() != r.status) {
                if (!TRANSITIONS.get(r.status).contains(request.status())) {
                    throw ApiException.badRequest("Cannot change a registration from " + r.status + " to " + request.status());
                }
                r.status = request.status();
                type = switch (r.status) {
                    case CONFIRMED -> RegistrationEvents.CONFIRMED;
                    case CANCELLED -> RegistrationEvents.CANCELLED;
                    case REJECTED -> RegistrationEvents.REJECTED;
                    default -> RegistrationEvents.UPDATED;
                };
            }
            if (request.paymentStatus() != null && request.paymentStatus() != r.paymentStatus) {
                r.paymentStatus = request.paymentStatus();
                if (r.paymentStatus == PaymentStatus.COMPLETED && r.paymentDate == null) {
                    r.paymentDate = now;
                }
                if (type == null) {
                    type = r.paymentStatus == PaymentStatus.COMPLETED ? RegistrationEvents.PAYMENT_COMPLETED
                            : r.paymentStatus == PaymentStatus.REFUNDED || r.paymentStatus == PaymentStatus.PARTIALLY_REFUNDED
                                    ? RegistrationEvents.PAYMENT_REFUNDED : RegistrationEvents.UPDATED;
                }
            }
            if (request.checkedIn() != null && request.checkedIn() != r.checkedIn) {
                if (request.checkedIn()) {
                    RegistrationRules.requireCheckInable(r);
                    r.enter(CheckInList.defaultOf(r.eventId, r.organizationId), now, null, null);
                } else {
                    r.undoCheckIn();
                }
                type = type != null ? type : r.checkedIn ? RegistrationEvents.CHECKED_IN : RegistrationEvents.CHECK_IN_REVERTED;
            }
            if (request.notes() != null && !request.notes().equals(r.notes)) {
                r.notes = request.notes();
                type = type != null ? type : RegistrationEvents.UPDATED;
            }
            return type == null ? List.of() : touch(r, type);
        });
    }

    /** Checks a registration in by id: exactly one of any number of concurrent calls succeeds. */
    public Registration checkIn(String id, CurrentUser caller) {
        Registration found = load(id);
        directory.require(caller, found.organizationId, Permission.CHECK_IN_ATTENDEES, "Registration not found");
        CheckIn result = checkIn(found);
        if (result.already()) {
            throw ApiException.badRequest("Already checked in");
        }
        return result.registration();
    }

    /** Checks a registration in by its QR code: one indexed lookup and one conditional update. */
    public CheckIn checkInByQr(String qrCode, CurrentUser caller) {
        if (qrCode == null || qrCode.isBlank()) {
            throw ApiException.unprocessable("query", "qr_code", "field required");
        }
        Tickets.Scanned scanned = tickets.find(qrCode)
                .filter(s -> directory.role(s.registration().organizationId, caller).isPresent())
                .orElseThrow(() -> new ApiException(404, "Invalid QR code", Map.of("reason", "unknown_code")));
        directory.require(caller, scanned.registration().organizationId, Permission.CHECK_IN_ATTENDEES);
        if (scanned.revoked()) {
            throw scanned.refusal().orElseThrow().asError();
        }
        return checkIn(scanned.registration());
    }

    /** Undoes a wrong scan (MANAGE_ATTENDEES). */
    public Registration undoCheckIn(String id, CurrentUser caller) {
        Registration found = load(id);
        directory.require(caller, found.organizationId, Permission.MANAGE_ATTENDEES, "Registration not found");
        return change(found.id, r -> {
            if (!r.checkedIn) {
                return List.of();
            }
            r.undoCheckIn();
            return touch(r, RegistrationEvents.CHECK_IN_REVERTED);
        });
    }

    public record CheckIn(Registration registration, boolean already) {
    }

    /** An entry on the event's default check-in list, answered the way the documented check-in endpoints answer. */
    private CheckIn checkIn(Registration found) {
        CheckInScans.Scan scan = scans.checkIn(lists.defaultList(found.eventId, found.organizationId), found);
        if (scan.accepted()) {
            return new CheckIn(scan.registration(), false);
        }
        Refusal refusal = scan.refusal().get();
        if (refusal.reason().equals("already_redeemed")) {
            return new CheckIn(scan.registration(), true);
        }
        throw refusal.asError();
    }

    private Registration change(ObjectId id, Change change) {
        return ConditionalSaves.untilSaved(CONFLICT, attempt -> {
            Registration r = registrations.findByIdOptional(id).orElseThrow(() -> ApiException.notFound("Registration not found"));
            boolean heldSeat = r.status.holdsSeat();
            String typeSeat = r.typeSeat;
            String eventSeat = r.eventSeat;
            long version = r.version;
            RegistrationStatus before = r.status;
            List<OutboxEntry> events = change.apply(r);
            if (events.isEmpty()) {
                return Optional.of(r);
            }
            if (r.status != before && (r.status == RegistrationStatus.CANCELLED || r.status == RegistrationStatus.REJECTED)) {
                // The tickets it had are revoked; should it come back, its ticket is a new one.
                r.ticketSerial++;
            }
            if (!heldSeat && r.status.holdsSeat()) {
                // Coming back (from the waitlist, a cancellation or a rejection): a seat, or 400 when full.
                return seats.seatAndWrite(catalog.event(r.eventId), catalog.ticketType(r.eventId, r.ticketTypeId), r,
                        seated -> save(seated, version, events));
            }
            if (heldSeat && !r.status.holdsSeat()) {
                SeatSlots.clear(r);
            }
            Optional<Registration> saved = save(r, version, events);
            if (saved.isPresent() && heldSeat && !r.status.holdsSeat()) {
                seats.released(r, typeSeat, eventSeat);
                waitlist.promote(r.eventId);
            }
            return saved;
        });
    }

    private Optional<Registration> save(Registration r, long version, List<OutboxEntry> events) {
        Optional<Registration> saved = registrations.saveIfUnchanged(r, version, events);
        saved.ifPresent(s -> relay.nudge(Registration.COLLECTION, s.id));
        return saved;
    }

    private static List<OutboxEntry> touch(Registration r, String type) {
        r.updatedAt = Clocks.now();
        r.version++;
        return List.of(RegistrationEventsOut.of(type, r));
    }

    private Registration load(String id) {
        return registrations.findByIdOptional(Ids.fromPath(id, "Registration not found"))
                .orElseThrow(() -> ApiException.notFound("Registration not found"));
    }

    private static RegistrationStatus parseStatus(String status) {
        try {
            return RegistrationStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("query", "status", "status must be PENDING, CONFIRMED, CANCELLED, WAITLIST or REJECTED");
        }
    }
}
