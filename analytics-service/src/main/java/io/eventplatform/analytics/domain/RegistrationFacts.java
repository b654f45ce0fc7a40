package io.eventplatform.analytics.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bson.Document;

import io.eventplatform.common.contracts.RegistrationEvents;
import io.eventplatform.common.id.Ids;
import io.eventplatform.common.contracts.RegistrationEvents.RegistrationSnapshot;

/**
 * The part of a registration snapshot that analytics counts. What one registration adds to its event's counters is
 * {@link #counters()}; a change of a registration adds the difference between its new and its old counters.
 */
public record RegistrationFacts(
        String eventId,
        String ticketTypeId,
        String status,
        String paymentStatus,
        long amountMicros,
        String source,
        Instant createdAt,
        boolean checkedIn,
        Instant checkInTime,
        Instant paymentDate,
        boolean deleted,
        Map<String, Boolean> insideByList) {

    /** Time buckets are UTC quarter hours, so that any time zone (also +05:30 or +05:45) can be shown exactly. */
    public static final long SLOT_SECONDS = 900;
    public static final String COUNTERS = "c";
    /** Per check-in list: {@code admitted} (came in at least once) and {@code inside} (in now), of seat holders. */
    public static final String LISTS = "lists";
    private static final Set<String> REFUNDED = Set.of("REFUNDED", "PARTIALLY_REFUNDED");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

    public static RegistrationFacts of(RegistrationSnapshot snapshot) {
        return new RegistrationFacts(snapshot.eventId(), snapshot.ticketTypeId(), snapshot.status(),
                snapshot.paymentStatus(), Money.toMicros(snapshot.paymentAmount()),
                snapshot.source() == null || snapshot.source().isBlank() ? "unknown" : snapshot.source(),
                snapshot.createdAt(), snapshot.checkedIn(), snapshot.checkInTime(), snapshot.paymentDate(),
                snapshot.deletedAt() != null, admittedLists(snapshot));
    }

    /**
     * The check-in lists the registration came in through, by id (an id is hex, so a safe field name), with whether it
     * is inside now. A registration checked in before lists existed came in through the default list (the event's id).
     */
    private static Map<String, Boolean> admittedLists(RegistrationSnapshot snapshot) {
        Map<String, Boolean> lists = new TreeMap<>();
        if (snapshot.checkedIn()) {
            lists.put(snapshot.eventId(), true);
        }
        if (snapshot.admissions() != null) {
            snapshot.admissions().forEach((listId, admission) -> {
                if (admission != null && admission.entries() > 0 && Ids.isValid(listId)) {
                    lists.put(listId, admission.inside());
                }
            });
        }
        return lists;
    }

    public boolean holdsSeat() {
        return !deleted && RegistrationEvents.SEAT_HOLDING.contains(status);
    }

    /** "Currently checked in": a seat-holding registration marked checked in (a cancelled one no longer counts). */
    public boolean attending() {
        return holdsSeat() && checkedIn;
    }

    /** Counter path → amount, every amount positive; a deleted registration counts for nothing. */
    public Map<String, Long> counters() {
        Map<String, Long> counters = new LinkedHashMap<>();
        if (deleted) {
            return counters;
        }
        String tt = "tt." + FieldKeys.escape(ticketTypeId) + ".";
        add(counters, "registrations", 1);
        add(counters, "status." + FieldKeys.escape(status), 1);
        add(counters, "payment." + FieldKeys.escape(paymentStatus), 1);
        add(counters, "source." + FieldKeys.escape(source), 1);
        if (createdAt != null) {
            add(counters, "created." + slot(createdAt), 1);
        }
        if (holdsSeat()) {
            add(counters, "seat_holding", 1);
            add(counters, tt + "sold", 1);
        }
        if ("CONFIRMED".equals(status)) {
            add(counters, "confirmed", 1);
        }
        if (attending()) {
            add(counters, "checked_in", 1);
            if (checkInTime != null) {
                add(counters, "checkins." + slot(checkInTime), 1);
            }
        }
        if (holdsSeat()) {
            insideByList.forEach((listId, inside) -> {
                add(counters, LISTS + "." + FieldKeys.escape(listId) + ".admitted", 1);
                add(counters, LISTS + "." + FieldKeys.escape(listId) + ".inside", inside ? 1 : 0);
            });
        }
        if ("COMPLETED".equals(paymentStatus)) {
            add(counters, "revenue", amountMicros);
            add(counters, tt + "revenue", amountMicros);
            if (paymentDate != null) {
                add(counters, "revenue_by_month." + MONTH.format(paymentDate), amountMicros);
            }
        }
        if ("PENDING".equals(paymentStatus) && holdsSeat()) {
            add(counters, "pending_revenue", amountMicros);
        }
        if (REFUNDED.contains(paymentStatus)) {
            add(counters, "refunded_revenue", amountMicros);
        }
        return counters;
    }

    /** What changes in the counters when a registration goes from {@code before} (null: unknown) to {@code after}. */
    public static Map<String, Long> delta(RegistrationFacts before, RegistrationFacts after) {
        Map<String, Long> delta = new LinkedHashMap<>(after.counters());
        if (before != null) {
            before.counters().forEach((path, amount) -> delta.merge(path, -amount, Math::addExact));
        }
        delta.values().removeIf(amount -> amount == 0);
        return delta;
    }

    public static long slot(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), SLOT_SECONDS);
    }

    private static void add(Map<String, Long> counters, String path, long amount) {
        if (amount != 0) {
            counters.merge(COUNTERS + "." + path, amount, Math::addExact);
        }
    }

    public Document toDocument() {
        return new Document("event_id", eventId).append("ticket_type_id", ticketTypeId).append("status", status)
                .append("payment_status", paymentStatus).append("amount_micros", amountMicros).append("source", source)
                .append("created_at", date(createdAt)).append("checked_in", checkedIn)
                .append("check_in_time", date(checkInTime)).append("payment_date", date(paymentDate))
                .append("deleted", deleted).append(LISTS, new Document(new LinkedHashMap<>(insideByList)));
    }

    public static RegistrationFacts fromDocument(Document d) {
        return new RegistrationFacts(d.getString("event_id"), d.getString("ticket_type_id"), d.getString("status"),
                d.getString("payment_status"), d.get("amount_micros", Number.class).longValue(), d.getString("source"),
                instant(d.getDate("created_at")), Boolean.TRUE.equals(d.getBoolean("checked_in")),
                instant(d.getDate("check_in_time")), instant(d.getDate("payment_date")),
                Boolean.TRUE.equals(d.getBoolean("deleted")), lists(d.get(LISTS, Document.class)));
    }

    private static Map<String, Boolean> lists(Document stored) {
        Map<String, Boolean> lists = new TreeMap<>();
        if (stored != null) {
            stored.forEach((listId, inside) -> lists.put(listId, Boolean.TRUE.equals(inside)));
        }
        return lists;
    }

    private static java.util.Date date(Instant instant) {
        return instant == null ? null : java.util.Date.from(instant);
    }

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }
}
