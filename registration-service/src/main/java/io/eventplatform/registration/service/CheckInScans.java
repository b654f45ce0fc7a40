package io.eventplatform.registration.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.contracts.RegistrationEvents;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.mongo.ConditionalSaves;
import io.eventplatform.common.outbox.OutboxEntry;
import io.eventplatform.common.outbox.OutboxRelay;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.registration.domain.Admission;
import io.eventplatform.registration.domain.CheckInList;
import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.domain.ScanRecord;
import io.eventplatform.registration.repository.RegistrationRepository;

/**
 * A scan at a check-in list: someone comes in or goes out, or is refused with a reason. The list's rules are checked
 * against the registration as read, and the registration's new admission is saved in one conditional write with its
 * event, so of any number of concurrent scans of one ticket on one list exactly one entry counts; a scan that lost the
 * race is judged again on the winner's state (and is then usually {@code already_redeemed}).
 */
@ApplicationScoped
public class CheckInScans {

    private static final String CONFLICT = "The registration is being scanned concurrently; try again";
    private static final Refusal ALREADY_CHECKED_IN = new Refusal("already_redeemed", "Already checked in");

    public enum Direction {
        ENTRY, EXIT
    }

    /**
     * Who scanned, with which device, when the scan happened (on the device, for a scan made offline) and its id (the
     * client's nonce; null for the documented check-in, which is once per registration anyway).
     */
    public record ScanContext(String scanId, String device, Instant at) {
    }

    /**
     * The outcome: {@code refusal} is empty when the person went in or out. {@code repeated}: this scan's effect was
     * saved before (it was sent again), and nothing changed now.
     */
    public record Scan(Direction direction, Optional<Refusal> refusal, Registration registration, Admission admission,
            boolean repeated) {

        public boolean accepted() {
            return refusal.isEmpty();
        }
    }

    private final RegistrationRepository registrations;
    private final OutboxRelay relay;

    public CheckInScans(RegistrationRepository registrations, OutboxRelay relay) {
        this.registrations = registrations;
        this.relay = relay;
    }

    /** Scans {@code found} (a registration of the list's event) at {@code list}. */
    public Scan scan(CheckInList list, Registration found, Direction direction, ScanContext context) {
        return scan(list, found, direction, context, false);
    }

    /**
     * The documented check-in: the first entry on the event's default list, once per registration (a checked-in
     * registration is {@code already_redeemed} whatever its status and the list's re-entry rules, as before lists).
     */
    public Scan checkIn(CheckInList defaultList, Registration found) {
        return scan(defaultList, found, Direction.ENTRY, new ScanContext(null, null, Clocks.now()), true);
    }

    private Scan scan(CheckInList list, Registration found, Direction direction, ScanContext context, boolean onlyOnce) {
        return ConditionalSaves.untilSaved(CONFLICT, attempt -> {
            Registration r = attempt == 0 ? found
                    : registrations.findByIdOptional(found.id).orElseThrow(() -> ApiException.notFound("Registration not found"));
            Admission standing = r.admissionOn(list);
            if (standing.accepted(context.scanId())) {
                return Optional.of(new Scan(direction, Optional.empty(), r, standing, true));
            }
            Optional<Refusal> refusal = onlyOnce && r.checkedIn ? Optional.of(ALREADY_CHECKED_IN)
                    : refusal(list, r, direction, context.at());
            if (refusal.isPresent()) {
                return Optional.of(new Scan(direction, refusal, r, standing, false));
            }
            long version = r.version;
            return save(list, r, version, pass(list, r, direction, context), direction);
        });
    }

    /**
     * Undoes scan {@code scanId} of {@code found} at {@code list}, which must be the registration's last accepted scan
     * there (409 otherwise): its standing goes back to where it was before. An undo sent again is {@code repeated}.
     */
    public Scan undo(CheckInList list, Registration found, Direction direction, String scanId) {
        String undoId = scanId + ScanRecord.UNDO_SUFFIX;
        return ConditionalSaves.untilSaved(CONFLICT, attempt -> {
            Registration r = attempt == 0 ? found
                    : registrations.findByIdOptional(found.id).orElseThrow(() -> ApiException.notFound("Registration not found"));
            Admission standing = r.admissionOn(list);
            if (standing.accepted(undoId)) {
                return Optional.of(new Scan(direction, Optional.empty(), r, standing, true));
            }
            if (!standing.undoable(scanId)) {
                throw new ApiException(409, "Only the last scan of a ticket at an entrance can be undone");
            }
            long version = r.version;
            String type = r.undoScan(list, undoId) ? RegistrationEvents.CHECK_IN_REVERTED : RegistrationEvents.SCAN_UNDONE;
            return save(list, r, version, type, direction);
        });
    }

    /** Saves the scan's effect on {@code r} (changed in memory from {@code version}) with its event {@code type}. */
    private Optional<Scan> save(CheckInList list, Registration r, long version, String type, Direction direction) {
        r.updatedAt = Clocks.now();
        r.version++;
        List<OutboxEntry> events = List.of(RegistrationEventsOut.of(type, r));
        return registrations.saveScanIfUnchanged(r, version, events).map(saved -> {
            relay.nudge(Registration.COLLECTION, saved.id);
            return new Scan(direction, Optional.empty(), saved, saved.admissionOn(list), false);
        });
    }

    /**
     * Lets {@code r} in or out through {@code list} (in memory) and names the event that says so: attendee.checked_in
     * once per registration, as it always was, later entries attendee.entered, exits attendee.exited.
     */
    static String pass(CheckInList list, Registration r, Direction direction, ScanContext context) {
        if (direction == Direction.EXIT) {
            r.exit(list, context.at(), context.device(), context.scanId());
            return RegistrationEvents.EXITED;
        }
        boolean checkedInBefore = r.checkedIn;
        r.enter(list, context.at(), context.device(), context.scanId());
        return r.checkedIn && !checkedInBefore ? RegistrationEvents.CHECKED_IN : RegistrationEvents.ENTERED;
    }

    /** The list's rules at the scan's time, in the order a door person would want to hear them. */
    static Optional<Refusal> refusal(CheckInList list, Registration r, Direction direction, Instant at) {
        Admission admission = r.admissionOn(list);
        if (direction == Direction.EXIT) {
            if (!admission.inside) {
                return Optional.of(new Refusal("not_inside", "Not inside: no entry to leave from"));
            }
            // An exit made offline that reaches the server after a later entry must not undo that entry.
            return admission.lastEntryAt != null && at.isBefore(admission.lastEntryAt)
                    ? Optional.of(new Refusal("not_inside", "Not inside: entered again after this exit"))
                    : Optional.empty();
        }
        Optional<Refusal> status = RegistrationRules.statusRefusal(r);
        if (status.isPresent()) {
            return status;
        }
        if (!list.admitsTicketType(r.ticketTypeId)) {
            return Optional.of(new Refusal("product", "This ticket type does not enter here"));
        }
        if (!list.opensEntryAt(at)) {
            return Optional.of(new Refusal("invalid_time", "Outside this entrance's opening hours"));
        }
        // An entry made offline that reaches the server after a later exit must not put its holder back inside.
        if (admission.lastExitAt != null && at.isBefore(admission.lastExitAt)) {
            return Optional.of(new Refusal("already_redeemed", "Already used: left again after this entry"));
        }
        boolean mayComeAgain = list.allowMultipleEntries || (!admission.inside && list.allowEntryAfterExit);
        if (admission.entries > 0 && !mayComeAgain) {
            return Optional.of(admission.inside ? ALREADY_CHECKED_IN : new Refusal("already_redeemed", "Already used: no re-entry here"));
        }
        return Optional.empty();
    }
}
