package io.eventplatform.registration.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import io.eventplatform.common.id.Ids;
import io.eventplatform.common.outbox.OutboxRelay;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.registration.domain.CheckInList;
import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.domain.ScanRecord;
import io.eventplatform.registration.repository.RegistrationRepository;
import io.eventplatform.registration.repository.ScanRecordRepository;
import io.eventplatform.registration.service.CheckInScans.Direction;
import io.eventplatform.registration.service.CheckInScans.Scan;
import io.eventplatform.registration.service.CheckInScans.ScanContext;
import io.eventplatform.registration.service.ScanService.Recorded;

/**
 * A door device's batch of scans in a handful of store operations instead of four per scan: the history and the
 * tickets named are read with one query each; each registration's scans are judged in time order, in memory, under
 * the list's rules, and saved as one conditional write with their events, all in one bulk write; the history is
 * inserted at once. A registration that someone else changed meanwhile is left out, and its scans are done again one
 * by one ({@link ScanService}): the rules, exactly-once entries and nonces hold as for single scans.
 */
@ApplicationScoped
public class ScanBatches {

    /** One scan of a batch, and where its answer goes. */
    record Item(int index, String qrCode, String registrationId, Direction direction, ScanContext context) {
    }

    /** The answers by index, and the scans to do again one by one. */
    record Outcome(Map<Integer, Recorded> answers, List<Item> again) {
    }

    /** A registration the batch changes: as read, and the events of the scans that let its holder in or out. */
    private static final class Changing {
        final Registration registration;
        final long version;
        final List<String> events = new ArrayList<>();
        String lastScanId;

        Changing(Registration registration) {
            this.registration = registration;
            this.version = registration.version;
        }
    }

    private final RegistrationRepository registrations;
    private final ScanRecordRepository history;
    private final Tickets tickets;
    private final OutboxRelay relay;

    public ScanBatches(RegistrationRepository registrations, ScanRecordRepository history, Tickets tickets, OutboxRelay relay) {
        this.registrations = registrations;
        this.history = history;
        this.tickets = tickets;
        this.relay = relay;
    }

    /** Applies {@code items}, which are in the order of their time. */
    Outcome apply(CheckInList list, List<Item> items, CurrentUser caller) {
        Map<String, ScanRecord> earlier = history.byIds(items.stream().map(i -> ScanRecord.idOf(list, i.context().scanId())).toList());
        Map<String, Tickets.Scanned> byCode = tickets.findAll(items.stream().map(Item::qrCode).filter(ScanBatches::given).distinct().toList());
        Map<ObjectId, Registration> byId = new HashMap<>();
        registrations.byIds(items.stream().map(Item::registrationId).filter(id -> given(id) && Ids.isValid(id)).map(ObjectId::new)
                .distinct().toList()).forEach(r -> byId.put(r.id, r));

        Map<ObjectId, Changing> changing = new LinkedHashMap<>();
        Map<Integer, Recorded> answers = new HashMap<>();
        Map<Integer, ObjectId> registrationOf = new HashMap<>();
        for (Item item : items) {
            Optional<Tickets.Scanned> named = (given(item.qrCode()) ? Optional.ofNullable(byCode.get(item.qrCode()))
                    : Optional.ofNullable(byId.get(Ids.isValid(item.registrationId()) ? new ObjectId(item.registrationId()) : null))
                            .map(r -> new Tickets.Scanned(r, false)))
                    .filter(s -> s.registration().eventId.equals(list.eventId));
            // One copy of each registration, however its scans name it, so each scan is judged on the ones before.
            Optional<Changing> target = named.map(s -> changing.computeIfAbsent(s.registration().id, id -> new Changing(s.registration())));
            Registration r = target.map(c -> c.registration).orElse(null);
            ScanRecord before = earlier.get(ScanRecord.idOf(list, item.context().scanId()));
            if (before != null) {
                answers.put(item.index(), ScanService.answerAgain(list, before, r, item.direction(), item.context(), caller, true));
                continue;
            }
            Scan scan = target.map(c -> judge(list, c, named.get().revoked(), item))
                    .orElseGet(() -> new Scan(item.direction(), Optional.of(ScanService.UNKNOWN_CODE), null, null, false));
            ScanRecord record = ScanService.record(list, scan, item.context(), caller, true);
            answers.put(item.index(), new Recorded(record, r, scan.admission(), scan.repeated()));
            target.ifPresent(c -> registrationOf.put(item.index(), c.registration.id));
        }

        Set<ObjectId> notSaved = save(list, changing.values());
        List<Item> again = new ArrayList<>();
        List<ScanRecord> records = new ArrayList<>();
        // Each scan is recorded once: not again when recorded before, but also when only its effect was saved before
        // (a crash between the two), so that it can still be undone.
        Set<String> recorded = new HashSet<>(earlier.keySet());
        for (Item item : items) {
            Recorded answer = answers.get(item.index());
            if (notSaved.contains(registrationOf.get(item.index()))) {
                answers.remove(item.index());
                again.add(item);
            } else if (recorded.add(answer.record().id)) {
                records.add(answer.record());
            }
        }
        history.recordAll(records);
        return new Outcome(answers, again);
    }

    /** The list's rules for one scan, on the registration as the batch's earlier scans left it. */
    private static Scan judge(CheckInList list, Changing target, boolean revoked, Item item) {
        Registration r = target.registration;
        Direction direction = item.direction();
        if (r.admissionOn(list).accepted(item.context().scanId())) {
            return new Scan(direction, Optional.empty(), r, r.admissionOn(list), true);
        }
        Optional<Refusal> refusal = revoked && direction == Direction.ENTRY ? new Tickets.Scanned(r, true).refusal()
                : CheckInScans.refusal(list, r, direction, item.context().at());
        if (refusal.isPresent()) {
            return new Scan(direction, refusal, r, r.admissionOn(list), false);
        }
        target.events.add(CheckInScans.pass(list, r, direction, item.context()));
        target.lastScanId = item.context().scanId();
        return new Scan(direction, Optional.empty(), r, r.admissionOn(list), false);
    }

    /** Saves every changed registration in one bulk write; the ids of those someone else changed first. */
    private Set<ObjectId> save(CheckInList list, Iterable<Changing> all) {
        Instant now = Clocks.now();
        List<RegistrationRepository.Change> changes = new ArrayList<>();
        Map<ObjectId, Changing> changed = new HashMap<>();
        for (Changing c : all) {
            if (c.events.isEmpty()) {
                continue;
            }
            Registration r = c.registration;
            r.updatedAt = now;
            r.version = c.version + 1;
            changes.add(new RegistrationRepository.Change(r, c.version, c.events.stream().map(type -> RegistrationEventsOut.of(type, r)).toList()));
            changed.put(r.id, c);
        }
        Set<ObjectId> notSaved = new HashSet<>();
        if (!registrations.saveAllIfUnchanged(changes)) {
            // Saved is at the version the batch wrote and with the batch's last accepted scan remembered.
            Set<ObjectId> saved = new HashSet<>();
            registrations.byIds(changed.keySet()).forEach(stored -> {
                Changing c = changed.get(stored.id);
                if (stored.version == c.version + 1 && stored.admissionOn(list).accepted(c.lastScanId)) {
                    saved.add(stored.id);
                }
            });
            changed.keySet().stream().filter(id -> !saved.contains(id)).forEach(notSaved::add);
        }
        changed.keySet().stream().filter(id -> !notSaved.contains(id)).forEach(id -> relay.nudge(Registration.COLLECTION, id));
        return notSaved;
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }
}
