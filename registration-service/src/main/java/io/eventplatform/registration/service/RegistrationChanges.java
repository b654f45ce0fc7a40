package io.eventplatform.registration.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;

import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.directory.MembershipDirectory;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.id.Ids;
import io.eventplatform.common.mongo.ConditionalSaves;
import io.eventplatform.common.outbox.OutboxEntry;
import io.eventplatform.common.outbox.OutboxRelay;
import io.eventplatform.common.pagination.PageRequest;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.security.Permission;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.registration.domain.PaymentStatus;
import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.domain.RegistrationStatus;
import io.eventplatform.registration.repository.InventoryRepository;
import io.eventplatform.registration.repository.RegistrationRepository;
import io.eventplatform.registration.rest.RegistrationRequests;

/**
 * Everything after registering. Each change is one conditional write of the new state with its event (at the
 * version read); a change that makes a registration hold a seat takes it first and gives it back if the write loses
 * a race, and one that frees a seat gives it back only after its own write won, so a seat is freed exactly once.
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
    private final InventoryRepository inventory;
    private final CatalogLookup catalog;
    private final MembershipDirectory directory;
    private final OutboxRelay relay;
    private final WaitlistPromoter waitlist;
    private final HoldSettler holds;

    public RegistrationChanges(RegistrationRepository registrations, InventoryRepository inventory, CatalogLookup catalog,
            MembershipDirectory directory, OutboxRelay relay, WaitlistPromoter waitlist, HoldSettler holds) {
        this.registrations = registrations;
        this.inventory = inventory;
        this.catalog = catalog;
        this.directory = directory;
        this.relay = relay;
        this.waitlist = waitlist;
        this.holds = holds;
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

    public RegistrationRepository.Page list(String eventId, String status, Boolean checkedIn, String search,
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
            change(id, Filters.empty(), r -> {
                if (r.status == RegistrationStatus.CANCELLED || r.status == RegistrationStatus.REJECTED) {
                    return List.of();
                }
                r.status = RegistrationStatus.CANCELLED;
                r.notes = r.notes == null ? "Event deleted" : r.notes;
                return touch(r, RegistrationEventsOut.CANCELLED);
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
        change(r.id, Filters.empty(), reg -> {
            if (reg.status == RegistrationStatus.CANCELLED || reg.status == RegistrationStatus.REJECTED) {
                return List.of();
            }
            reg.status = RegistrationStatus.CANCELLED;
            return touch(reg, RegistrationEventsOut.CANCELLED);
        });
    }

    public Registration update(String id, RegistrationRequests.Update request, CurrentUser caller) {
        Registration found = load(id);
        directory.require(caller, found.organizationId, Permission.MANAGE_ATTENDEES, "Registration not found");
        return change(found.id, Filters.empty(), r -> {
            String type = null;
            Instant now = Clocks.now();
            if (request.status() != null && request.status() != r.status) {
                if (!TRANSITIONS.get(r.status).contains(request.status())) {
                    throw ApiException.badRequest("Cannot change a registration from " + r.status + " to " + request.status());
                }
                r.status = request.status();
                type = switch (r.status) {
                    case CONFIRMED -> RegistrationEventsOut.CONFIRMED;
                    case CANCELLED -> RegistrationEventsOut.CANCELLED;
                    case REJECTED -> RegistrationEventsOut.REJECTED;
                    default -> RegistrationEventsOut.UPDATED;
                };
            }
            if (request.paymentStatus() != null && request.paymentStatus() != r.paymentStatus) {
                r.paymentStatus = request.paymentStatus();
                if (r.paymentStatus == PaymentStatus.COMPLETED && r.paymentDate == null) {
                    r.paymentDate = now;
                }
                if (type == null) {
                    type = r.paymentStatus == PaymentStatus.COMPLETED ? RegistrationEventsOut.PAYMENT_COMPLETED
                            : r.paymentStatus == PaymentStatus.REFUNDED || r.paymentStatus == PaymentStatus.PARTIALLY_REFUNDED
                                    ? RegistrationEventsOut.PAYMENT_REFUNDED : RegistrationEventsOut.UPDATED;
                }
            }
            if (request.checkedIn() != null && request.checkedIn() != r.checkedIn) {
                if (request.checkedIn()) {
                    RegistrationRules.requireCheckInable(r);
                    r.checkInTime = now;
                } else {
                    r.checkInTime = null;
                }
                r.checkedIn = request.checkedIn();
                type = type != null ? type : r.checkedIn ? RegistrationEventsOut.CHECKED_IN : RegistrationEventsOut.CHECK_IN_REVERTED;
            }
            if (request.notes() != null && !request.notes().equals(r.notes)) {
                r.notes = request.notes();
                type = type != null ? type : RegistrationEventsOut.UPDATED;
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
        Registration found = registrations.byQrCode(qrCode)
                .filter(r -> directory.role(r.organizationId, caller.id(), caller.email()).isPresent())
                .orElseThrow(() -> new ApiException(404, "Invalid QR code", Map.of("reason", "unknown_code")));
        directory.require(caller, found.organizationId, Permission.CHECK_IN_ATTENDEES);
        return checkIn(found);
    }

    /** Undoes a wrong scan (MANAGE_ATTENDEES). */
    public Registration undoCheckIn(String id, CurrentUser caller) {
        Registration found = load(id);
        directory.require(caller, found.organizationId, Permission.MANAGE_ATTENDEES, "Registration not found");
        return change(found.id, Filters.empty(), r -> {
            if (!r.checkedIn) {
                return List.of();
            }
            r.checkedIn = false;
            r.checkInTime = null;
            return touch(r, RegistrationEventsOut.CHECK_IN_REVERTED);
        });
    }

    public record CheckIn(Registration registration, boolean already) {
    }

    /** The registration as just read is tried first; after a lost race it is read again. */
    private CheckIn checkIn(Registration found) {
        return ConditionalSaves.untilSaved(CONFLICT, attempt -> {
            Registration r = attempt == 0 ? found
                    : registrations.findByIdOptional(found.id).orElseThrow(() -> ApiException.notFound("Registration not found"));
            if (r.checkedIn) {
                return Optional.of(new CheckIn(r, true));
            }
            RegistrationRules.requireCheckInable(r);
            long version = r.version;
            r.checkedIn = true;
            r.checkInTime = Clocks.now();
            List<OutboxEntry> events = touch(r, RegistrationEventsOut.CHECKED_IN);
            return registrations.saveIfUnchanged(r, version, Filters.eq("checked_in", false), events).map(saved -> {
                relay.nudge(Registration.COLLECTION, saved.id);
                return new CheckIn(saved, false);
            });
        });
    }

    private Registration change(ObjectId id, Bson condition, Change change) {
        return ConditionalSaves.untilSaved(CONFLICT, attempt -> {
            Registration r = registrations.findByIdOptional(id).orElseThrow(() -> ApiException.notFound("Registration not found"));
            boolean heldSeat = r.status.holdsSeat();
            String seat = r.seat == null ? r.idHex() : r.seat;
            long version = r.version;
            List<OutboxEntry> events = change.apply(r);
            if (events.isEmpty()) {
                return Optional.of(r);
            }
            boolean releasing = heldSeat && !r.status.holdsSeat();
            Instant takenAt = Clocks.now();
            String hold = !heldSeat && r.status.holdsSeat() ? takeSeat(r) : null;
            if (hold != null) {
                r.seat = hold;
                SeatReconciler.requireInTime(inventory, r.eventId, r.ticketTypeId, hold, takenAt);
            } else if (releasing) {
                r.seat = null;
                r.releasedSeat = seat;
                // If this save wins and the process dies before the seat is given back, the reconciler finishes it.
                inventory.announceRelease(r.eventId, r.ticketTypeId, seat, r.idHex(), takenAt);
            }
            Optional<Registration> saved = registrations.saveIfUnchanged(r, version, condition, events);
            if (saved.isEmpty()) {
                if (hold != null) {
                    inventory.releaseHold(r.eventId, r.ticketTypeId, hold);
                }
                return saved;
            }
            if (hold != null) {
                holds.stored(r.eventId, hold);
            }
            relay.nudge(Registration.COLLECTION, r.id);
            if (releasing) {
                inventory.releaseSeat(r.eventId, r.ticketTypeId, seat);
                waitlist.promoteEvent(r.eventId);
            }
            return saved;
        });
    }

    /** A seat for a registration coming back (from the waitlist, a cancellation or a rejection): 400 when full. */
    private String takeSeat(Registration r) {
        EventSnapshot event = catalog.event(r.eventId);
        TicketTypeSnapshot ticketType = catalog.ticketType(r.eventId, r.ticketTypeId);
        String hold = new ObjectId().toHexString();
        if (!inventory.take(r.eventId, r.ticketTypeId, ticketType.capacity(), event.maxAttendees(), hold, r.idHex(), Clocks.now())) {
            throw ApiException.badRequest(inventory.ticketTypeFull(r.eventId, r.ticketTypeId, ticketType.capacity())
                    ? "Ticket type sold out" : "Event is full");
        }
        return hold;
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
