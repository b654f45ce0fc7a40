package io.eventplatform.registration.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import io.eventplatform.common.directory.MembershipDirectory;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.id.Ids;
import io.eventplatform.common.pagination.Page;
import io.eventplatform.common.pagination.PageRequest;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.security.Permission;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.registration.domain.Admission;
import io.eventplatform.registration.domain.CheckInList;
import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.domain.ScanRecord;
import io.eventplatform.registration.domain.ScanRecord.Result;
import io.eventplatform.registration.domain.TicketKeys;
import io.eventplatform.registration.repository.RegistrationRepository;
import io.eventplatform.registration.repository.ScanRecordRepository;
import io.eventplatform.registration.rest.CheckInListRequests;
import io.eventplatform.registration.service.CheckInScans.Direction;
import io.eventplatform.registration.service.CheckInScans.Scan;
import io.eventplatform.registration.service.CheckInScans.ScanContext;

/**
 * The door at a check-in list (CHECK_IN_ATTENDEES): scans one at a time, the batches a device sends after scanning
 * offline, what a device downloads to scan offline, and the list's scan history (MANAGE_ATTENDEES). Every scan is
 * recorded under the list's id and the scan's id (the client's nonce): a scan sent again is answered as recorded.
 */
@ApplicationScoped
public class ScanService {

    private static final String NOT_FOUND = "Check-in list not found";
    static final Refusal UNKNOWN_CODE = new Refusal("unknown_code", "Unknown ticket: not for this event");
    private static final Refusal NONCE_REUSED = new Refusal("nonce_reused",
            "This nonce was already used for another scan: give every scan its own nonce");
    /** How far ahead of the server's clock a device's clock may be. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int MAX_OFFLINE_PAGE = 500;
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final String ZERO_ID = "000000000000000000000000";

    private final CheckInListService lists;
    private final RegistrationRepository registrations;
    private final CatalogLookup catalog;
    private final MembershipDirectory directory;
    private final CheckInScans scans;
    private final ScanRecordRepository history;
    private final Tickets tickets;
    private final ScanBatches batches;

    public ScanService(CheckInListService lists, RegistrationRepository registrations, CatalogLookup catalog,
            MembershipDirectory directory, CheckInScans scans, ScanRecordRepository history, Tickets tickets,
            ScanBatches batches) {
        this.batches = batches;
        this.lists = lists;
        this.registrations = registrations;
        this.catalog = catalog;
        this.directory = directory;
        this.scans = scans;
        this.history = history;
        this.tickets = tickets;
    }

    /** A scan and how the history recorded it; {@code repeated}: the same scan was sent before and counted then. */
    public record Recorded(ScanRecord record, Registration registration, Admission admission, boolean repeated) {
    }

    /** A scan of a QR code or a registration id on the list; refusals are answers, not errors. */
    public Recorded scan(String listId, CheckInListRequests.ScanRequest request, CurrentUser caller) {
        requireOneTicket(request.qrCode(), request.registrationId(), "qr_code");
        CheckInList list = lists.load(listId, true);
        directory.require(caller, list.organizationId, Permission.CHECK_IN_ATTENDEES, NOT_FOUND);
        boolean nonce = request.nonce() != null;
        String scanId = nonce ? request.nonce() : new ObjectId().toHexString();
        return apply(list, request.qrCode(), request.registrationId(), direction(request.direction()),
                new ScanContext(scanId, request.device(), Clocks.now()), caller, false, nonce);
    }

    /**
     * Scans a door device made, maybe offline, applied in the order of their time under the list's rules; answers in
     * the order given. A scan the rules refuse now was already acted on at the door: it is a conflict, recorded and
     * answered as such, and counted nowhere.
     */
    public List<Recorded> batch(String listId, CheckInListRequests.Batch batch, CurrentUser caller) {
        List<CheckInListRequests.BatchScan> items = batch.scans();
        Instant latest = Clocks.now().plus(CLOCK_SKEW);
        for (int i = 0; i < items.size(); i++) {
            requireOneTicket(items.get(i).qrCode(), items.get(i).registrationId(), "scans." + i + ".qr_code");
            if (items.get(i).scannedAt().isAfter(latest)) {
                throw ApiException.unprocessable("body", "scans." + i + ".scanned_at", "scanned_at is in the future");
            }
        }
        CheckInList list = lists.load(listId, true);
        directory.require(caller, list.organizationId, Permission.CHECK_IN_ATTENDEES, NOT_FOUND);
        Instant now = Clocks.now().truncatedTo(ChronoUnit.MILLIS);
        List<ScanBatches.Item> ordered = IntStream.range(0, items.size()).boxed()
                .sorted(Comparator.comparing(i -> items.get(i).scannedAt())).map(i -> {
                    CheckInListRequests.BatchScan item = items.get(i);
                    // A device's clock a little ahead counts as now (the store keeps milliseconds).
                    Instant at = item.scannedAt().isAfter(now) ? now : item.scannedAt().truncatedTo(ChronoUnit.MILLIS);
                    return new ScanBatches.Item(i, item.qrCode(), item.registrationId(), direction(item.direction()),
                            new ScanContext(item.nonce(), item.device(), at));
                }).toList();
        ScanBatches.Outcome outcome = batches.apply(list, ordered, caller);
        Recorded[] results = new Recorded[items.size()];
        outcome.answers().forEach((index, answer) -> results[index] = answer);
        for (ScanBatches.Item item : outcome.again()) {
            results[item.index()] = apply(list, item.qrCode(), item.registrationId(), item.direction(), item.context(), caller, true, true);
        }
        return List.of(results);
    }

    /**
     * What a door device needs to admit people at the list with no network, in pages: the event's public ticket keys
     * (when it signs tickets) and its registrations changed after {@code cursor}, in the order they changed. A device
     * keeps the last page's cursor and asks again from it for what changed since.
     */
    public OfflinePage offline(String listId, String cursor, String limit, CurrentUser caller) {
        CheckInList list = lists.load(listId, false);
        directory.require(caller, list.organizationId, Permission.CHECK_IN_ATTENDEES, NOT_FOUND);
        int size = PageRequest.limitUpTo(limit, MAX_OFFLINE_PAGE);
        ChangeCursor after = ChangeCursor.parse(cursor);
        List<Registration> changed = registrations.changedSince(list.eventId, after.at(), after.id(), size + 1);
        boolean more = changed.size() > size;
        List<Registration> page = more ? changed.subList(0, size) : changed;
        ChangeCursor next = page.isEmpty() ? after : new ChangeCursor(page.get(page.size() - 1).updatedAt, page.get(page.size() - 1).id);
        if (!more) {
            next = next.notAfter(new ChangeCursor(Clocks.now().minus(SETTLE), new ObjectId(ZERO_ID)));
        }
        Optional<TicketKeys> keys = catalog.event(list.eventId).signedTickets()
                ? Optional.of(tickets.currentKeys(new ObjectId(list.eventId), list.organizationId)) : Optional.empty();
        return new OfflinePage(list, keys, page, next.toString(), more);
    }

    public record OfflinePage(CheckInList list, Optional<TicketKeys> keys, List<Registration> registrations, String cursor,
            boolean more) {
    }

    /**
     * Where a download stopped: the last change's time and registration id ("" is the beginning). A change is stamped
     * before it is saved, so one saved a moment late can carry a time before changes already sent: the last page's
     * cursor therefore reaches back {@link #SETTLE}, and the next download sends those changes again (a device keeps
     * each registration's latest).
     */
    record ChangeCursor(Instant at, ObjectId id) {

        ChangeCursor notAfter(ChangeCursor other) {
            boolean after = at != null && (at.isAfter(other.at) || at.equals(other.at) && id.compareTo(other.id) > 0);
            return after ? other : this;
        }

        static ChangeCursor parse(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return new ChangeCursor(null, null);
            }
            String[] parts = cursor.split("-", 2);
            try {
                return new ChangeCursor(Instant.ofEpochMilli(Long.parseLong(parts[0])), new ObjectId(parts[1]));
            } catch (RuntimeException e) {
                throw ApiException.unprocessable("query", "cursor", "cursor is not one this endpoint gave");
            }
        }

        @Override
        public String toString() {
            return at == null ? "" : at.toEpochMilli() + "-" + id.toHexString();
        }
    }

    /**
     * Undoes an admission or exit recorded at the list, while it is still its ticket's last scan there
     * (CHECK_IN_ATTENDEES): the standing goes back to where it was, and the history records the undo under the scan's
     * id plus {@link ScanRecord#UNDO_SUFFIX}. An undo sent again is answered as recorded.
     */
    public Recorded undo(String listId, String scanId, CurrentUser caller) {
        CheckInList list = lists.load(listId, true);
        directory.require(caller, list.organizationId, Permission.CHECK_IN_ATTENDEES, NOT_FOUND);
        ScanRecord original = history.findByIdOptional(ScanRecord.idOf(list, scanId))
                .orElseThrow(() -> ApiException.notFound("Scan not found"));
        if (original.result != Result.ADMITTED && original.result != Result.EXITED) {
            throw new ApiException(409, "Only an admission or an exit can be undone");
        }
        Registration r = registrations.findByIdOptional(new ObjectId(original.registrationId))
                .orElseThrow(() -> ApiException.notFound("Scan not found"));
        String undoId = scanId + ScanRecord.UNDO_SUFFIX;
        Optional<ScanRecord> undone = history.findByIdOptional(ScanRecord.idOf(list, undoId));
        if (undone.isPresent()) {
            return new Recorded(undone.get(), r, r.admissionOn(list), true);
        }
        Scan scan = scans.undo(list, r, direction(original.direction), scanId);
        ScanRecord record = record(list, scan, new ScanContext(undoId, original.device, Clocks.now()), caller, false);
        record.result = Result.UNDONE;
        if (history.record(record)) {
            return new Recorded(record, scan.registration(), scan.admission(), scan.repeated());
        }
        return new Recorded(history.findByIdOptional(record.id).orElseThrow(), scan.registration(), scan.admission(), true);
    }

    /** The list's scans, newest first (MANAGE_ATTENDEES). */
    public Page<ScanRecord> history(String listId, PageRequest page, CurrentUser caller) {
        CheckInList list = lists.load(listId, false);
        directory.require(caller, list.organizationId, Permission.MANAGE_ATTENDEES, NOT_FOUND);
        return history.ofList(list.idHex(), page);
    }

    /**
     * A scan already recorded under its id is answered as recorded; any other is judged, applied and recorded. Only a
     * client's nonce can have been sent before ({@code clientNonce}); an id the server drew skips that read.
     */
    private Recorded apply(CheckInList list, String qrCode, String registrationId, Direction direction, ScanContext context,
            CurrentUser caller, boolean offline, boolean clientNonce) {
        Optional<Tickets.Scanned> found = scanned(list, qrCode, registrationId);
        Optional<Registration> registration = found.map(Tickets.Scanned::registration);
        Optional<ScanRecord> earlier = clientNonce ? history.findByIdOptional(ScanRecord.idOf(list, context.scanId())) : Optional.empty();
        if (earlier.isEmpty()) {
            Scan scan = found.map(s -> judge(list, s, direction, context))
                    .orElseGet(() -> new Scan(direction, Optional.of(UNKNOWN_CODE), null, null, false));
            ScanRecord record = record(list, scan, context, caller, offline);
            if (history.record(record)) {
                return new Recorded(record, scan.registration(), scan.admission(), scan.repeated());
            }
            // A copy of this scan recorded it first: answer as recorded.
            earlier = history.findByIdOptional(record.id);
        }
        return answerAgain(list, earlier.orElseThrow(), registration.orElse(null), direction, context, caller, offline);
    }

    /**
     * The answer to a scan recorded before under the same id: as recorded, when it is the same scan; for another
     * ticket or direction, a 409 (online) or a conflict that is neither applied nor recorded (in a batch).
     */
    static Recorded answerAgain(CheckInList list, ScanRecord recorded, Registration registration, Direction direction,
            ScanContext context, CurrentUser caller, boolean offline) {
        boolean sameScan = Objects.equals(recorded.registrationId, registration == null ? null : registration.idHex())
                && recorded.direction.equals(direction.name().toLowerCase(Locale.ROOT));
        if (sameScan) {
            return new Recorded(recorded, registration, registration == null ? null : registration.admissionOn(list), true);
        }
        if (!offline) {
            throw new ApiException(409, NONCE_REUSED.detail());
        }
        ScanRecord refused = record(list, new Scan(direction, Optional.of(NONCE_REUSED), null, null, false), context, caller, true);
        return new Recorded(refused, registration, null, false);
    }

    /** The registration the scan names (by a ticket's code or by id), if it is one of the list's event. */
    private Optional<Tickets.Scanned> scanned(CheckInList list, String qrCode, String registrationId) {
        Optional<Tickets.Scanned> named = qrCode != null && !qrCode.isBlank() ? tickets.find(qrCode)
                : byId(registrationId).map(r -> new Tickets.Scanned(r, false));
        return named.filter(s -> s.registration().eventId.equals(list.eventId));
    }

    /** A revoked ticket does not come in (its holder may still go out); any other scan is the list's to judge. */
    private Scan judge(CheckInList list, Tickets.Scanned scanned, Direction direction, ScanContext context) {
        Registration r = scanned.registration();
        if (scanned.revoked() && direction == Direction.ENTRY) {
            return new Scan(direction, scanned.refusal(), r, r.admissionOn(list), false);
        }
        return scans.scan(list, r, direction, context);
    }

    /** How the history records a scan: a refusal of a scan made offline is a conflict (the door acted on it already). */
    static ScanRecord record(CheckInList list, Scan scan, ScanContext context, CurrentUser caller, boolean offline) {
        ScanRecord record = new ScanRecord();
        record.id = ScanRecord.idOf(list, context.scanId());
        record.checkInListId = list.idHex();
        record.eventId = list.eventId;
        record.organizationId = list.organizationId;
        record.scanId = context.scanId();
        if (scan.registration() != null) {
            record.registrationId = scan.registration().idHex();
            record.attendeeName = scan.registration().firstName + " " + scan.registration().lastName;
        }
        record.direction = scan.direction().name().toLowerCase(Locale.ROOT);
        record.result = scan.accepted() ? scan.direction() == Direction.ENTRY ? Result.ADMITTED : Result.EXITED
                : offline ? Result.CONFLICT : Result.REFUSED;
        record.reason = scan.refusal().map(Refusal::reason).orElse(null);
        record.detail = scan.refusal().map(Refusal::detail).orElse(null);
        record.device = context.device();
        record.staffId = caller.id();
        record.staffName = caller.name();
        record.scannedAt = context.at();
        record.offline = offline;
        record.createdAt = Clocks.now();
        return record;
    }

    private static void requireOneTicket(String qrCode, String registrationId, String field) {
        boolean byCode = qrCode != null && !qrCode.isBlank();
        boolean byId = registrationId != null && !registrationId.isBlank();
        if (byCode == byId) {
            throw ApiException.unprocessable("body", field, "give either qr_code or registration_id");
        }
    }

    /** Validated as entry, exit or absent (an entry). */
    private static Direction direction(String direction) {
        return "exit".equals(direction) ? Direction.EXIT : Direction.ENTRY;
    }

    /** A malformed id names no registration, like an unknown one: the scan answers unknown_code. */
    private Optional<Registration> byId(String registrationId) {
        return Ids.isValid(registrationId) ? registrations.findByIdOptional(new ObjectId(registrationId)) : Optional.empty();
    }
}
