package io.eventplatform.registration.service;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.MongoServerException;

import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.repository.RegistrationRepository;
import io.eventplatform.registration.repository.SeatedEventRepository;

/**
 * Seats. A registration that holds a seat carries its seat numbers: {@code type_seat} = "ticket type id/n" when the
 * ticket type has a capacity, {@code event_seat} = "event id/n" when the event has a maximum; every other registration
 * carries its own sentinel ("-/registration id") there. Each field has a unique index, so no two registrations ever
 * hold the same number, and taking or giving back a seat is the registration's own single-document write (its insert,
 * or the conditional save of its new status): a crash at any moment leaves nothing to settle or recover.
 * <p>
 * Numbers are handed out below a limit: the capacity, lowered by the seats held at or above it (numbers of a capacity
 * since lowered, or seats taken while there was no limit), so the seats held never exceed the capacity. Which numbers
 * are free is remembered per process (a {@link Pool} per ticket type and per event) and learned again from the store
 * when none seems free: another replica may have given one back. Learning is a query the embedded store answers by
 * scanning every registration, so it is skipped when {@link SeatedEventRepository} says it would tell nothing new (no
 * seat of the event was ever taken, or none given back since the pool last asked); it runs outside the pool's lock,
 * one at a time, and a sold-out pool repeats it only as often as its cost allows. Meanwhile requests are answered from
 * what the pool knows: a stale pool can only refuse or meet a unique index, never oversell.
 */
@ApplicationScoped
public class SeatSlots {

    private static final Logger LOG = Logger.getLogger(SeatSlots.class);
    static final String NO_SEAT = "-/";
    /** A pool that finds no free number reads its event's count of seats given back at most this often... */
    static final long RELOAD_NANOS = 250_000_000L;
    /** ...and asks which seats are held no sooner than this many times what the last asking cost (after 5 s, 50 s). */
    static final long RELOAD_COST_SHARE = 10;

    private final RegistrationRepository registrations;
    private final SeatedEventRepository seatedEvents;
    /** Bounded: a pool that was dropped is learned again from the store when next needed. */
    private final Map<String, Pool> pools = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofHours(1)).<String, Pool>build().asMap();

    public SeatSlots(RegistrationRepository registrations, SeatedEventRepository seatedEvents) {
        this.registrations = registrations;
        this.seatedEvents = seatedEvents;
    }

    /** The seat fields of a registration that holds no seat. */
    public static void clear(Registration r) {
        r.typeSeat = NO_SEAT + r.idHex();
        r.eventSeat = NO_SEAT + r.idHex();
    }

    /** Refused for want of a seat; the detail says whether the ticket type or the whole event is full. */
    public static final class Full extends ApiException {
        Full(String detail) {
            super(400, detail);
        }
    }

    /**
     * Gives {@code r} free seat numbers and runs {@code write} (the registration's own single-document write); a write
     * that meets another registration on one of its numbers is tried again with others. An empty result (the write
     * did not happen) or an exception gives the numbers back.
     *
     * @throws Full when the ticket type or the event has no seat left
     */
    public <T> Optional<T> seatAndWrite(EventSnapshot event, TicketTypeSnapshot ticketType, Registration r,
            Function<Registration, Optional<T>> write) {
        Pool types = pool(event.id(), ticketType.id(), ticketType.capacity(), Field.TYPE);
        Pool events = pool(event.id(), event.id(), event.maxAttendees(), Field.EVENT);
        // Marked after the pools are loaded (marked first, a new on-sale's first load would find the mark and ask the
        // store), and before any seat is taken (so that a pool elsewhere that finds no mark rightly finds no seat).
        seatedEvents.markSeated(event.id());
        while (true) {
            int typeSeat = claim(types, "Ticket type sold out");
            int eventSeat;
            try {
                eventSeat = claim(events, "Event is full");
            } catch (RuntimeException e) {
                give(types, typeSeat);
                throw e;
            }
            r.typeSeat = types == null ? NO_SEAT + r.idHex() : ticketType.id() + "/" + typeSeat;
            r.eventSeat = events == null ? NO_SEAT + r.idHex() : event.id() + "/" + eventSeat;
            Optional<T> written;
            try {
                written = write.apply(r);
            } catch (MongoServerException e) {
                boolean typeTaken = isConflictOn(e, Field.TYPE);
                boolean eventTaken = isConflictOn(e, Field.EVENT);
                if (!typeTaken && !eventTaken) {
                    give(types, typeSeat);
                    give(events, eventSeat);
                    throw e;
                }
                // Another registration holds that number (another replica's, or one this pool did not know of).
                meet(types, typeSeat, typeTaken);
                meet(events, eventSeat, eventTaken);
                continue;
            } catch (RuntimeException e) {
                give(types, typeSeat);
                give(events, eventSeat);
                throw e;
            }
            settle(types, typeSeat, written.isPresent());
            settle(events, eventSeat, written.isPresent());
            return written;
        }
    }

    /**
     * A saved change gave back the seat {@code r} held (its seat values before the change): this process may hand
     * those numbers out again, or, for a seat at or above the limit or without a number, learn the limit anew.
     */
    public void released(Registration r, String typeSeat, String eventSeat) {
        free(pools.get(Field.TYPE.name + ":" + r.ticketTypeId), typeSeat);
        free(pools.get(Field.EVENT.name + ":" + r.eventId), eventSeat);
        try {
            seatedEvents.countGivenBack(r.eventId);
        } catch (RuntimeException e) {
            // The change is saved and this process knows: only other replicas learn of the seat late (at the next one).
            LOG.warnf(e, "Seat given back by registration %s not counted", r.idHex());
        }
    }

    /** Whether a write failed because a unique index on a seat field already holds the value. */
    static boolean isConflictOn(MongoServerException e, Field field) {
        return e.getCode() == 11000 && e.getMessage() != null && e.getMessage().contains(field.name);
    }

    enum Field {
        TYPE("type_seat", "ticket_type_id"), EVENT("event_seat", "event_id");

        final String name;
        final String scope;

        Field(String name, String scope) {
            this.name = name;
            this.scope = scope;
        }
    }

    private Pool pool(String eventId, String scopeId, Integer capacity, Field field) {
        if (capacity == null) {
            return null;
        }
        Pool pool = pools.compute(field.name + ":" + scopeId,
                (key, known) -> known != null && known.capacity == capacity ? known : new Pool(eventId, scopeId, field, capacity));
        if (!pool.loaded) {
            load(pool, true);
        }
        return pool;
    }

    private int claim(Pool pool, String fullDetail) {
        if (pool == null) {
            return -1;
        }
        boolean reload;
        synchronized (pool) {
            int number = pool.claimFree();
            if (number >= 0) {
                return number;
            }
            reload = pool.reloadDue(System.nanoTime());
        }
        // Only the request that finds the reload due and no load running waits for it; the others are refused now.
        if (reload && load(pool, false)) {
            synchronized (pool) {
                int number = pool.claimFree();
                if (number >= 0) {
                    return number;
                }
            }
        }
        throw new Full(fullDetail);
    }

    /**
     * Learns the held seats from the store, one load per pool at a time, outside the pool's lock. A first load is
     * waited for; a reload is skipped (false) while another runs. The event's count of seats given back is read
     * first; the held seats are asked for only if that tells something may have been freed (or the pool must learn
     * its limit anew) and, after the first time, no sooner than ten times what the last asking cost (at once after
     * this process gave back a seat at or above the limit).
     */
    private boolean load(Pool pool, boolean first) {
        if (first) {
            pool.loading.lock();
        } else if (!pool.loading.tryLock()) {
            return false;
        }
        try {
            long started = System.nanoTime();
            long givenBackSeen;
            boolean wasStale;
            synchronized (pool) {
                // Another load may have finished since this one was found due.
                if (first ? pool.loaded : !pool.reloadDue(started)) {
                    return true;
                }
                givenBackSeen = pool.givenBackSeen;
                wasStale = pool.stale;
                pool.startLoad();
            }
            SeatedEventRepository.Seats seats;
            List<String> held = null;
            try {
                seats = seatedEvents.seats(pool.eventId);
                boolean mayBeNews = !pool.loaded || wasStale || givenBackSeen == SeatedEventRepository.UNKNOWN
                        || seats.givenBack() == SeatedEventRepository.UNKNOWN || seats.givenBack() != givenBackSeen;
                if (!seats.everTaken()) {
                    held = List.of();
                } else if (wasStale || mayBeNews && pool.mayAsk(started)) {
                    // A seat this process gave back at or above the limit is asked about at once: it is rare (a lowered
                    // capacity), and this process knows a seat is free but not which limit that makes.
                    held = registrations.seatsHeld(pool.field.scope, pool.scopeId, pool.field.name);
                }
            } catch (RuntimeException e) {
                synchronized (pool) {
                    pool.checked(wasStale);
                }
                throw e;
            }
            synchronized (pool) {
                if (held == null) {
                    // Nothing freed since the pool last asked, or asking again is not yet due: what it knows stands.
                    pool.checked(wasStale);
                } else {
                    pool.learn(held, started, seats.givenBack());
                }
            }
            return true;
        } finally {
            pool.loading.unlock();
        }
    }

    /** The write ended: the number is held ({@code taken}) or free again. */
    private static void settle(Pool pool, int number, boolean taken) {
        if (pool == null) {
            return;
        }
        synchronized (pool) {
            pool.inFlight.clear(number);
            if (!taken) {
                pool.taken.clear(number);
            }
            pool.changed(number);
        }
    }

    private static void give(Pool pool, int number) {
        settle(pool, number, false);
    }

    /**
     * The write met another registration on this number ({@code taken}), or was refused for the other number. A
     * number found held this way may have been given back since, counted before this pool's last count was read:
     * the next reload asks the store.
     */
    private static void meet(Pool pool, int number, boolean taken) {
        settle(pool, number, taken);
        if (pool != null && taken) {
            synchronized (pool) {
                pool.metHeld();
            }
        }
    }

    private static void free(Pool pool, String seat) {
        if (pool == null) {
            return;
        }
        String prefix = pool.scopeId + "/";
        Integer number = seat != null && seat.startsWith(prefix) ? Pool.parse(seat.substring(prefix.length())) : null;
        synchronized (pool) {
            if (number != null && number < pool.limit) {
                pool.taken.clear(number);
                pool.changed(number);
            } else {
                pool.stale = true;
            }
        }
    }

    /** The seat numbers of one ticket type or event, as this process knows them. */
    private static final class Pool {
        final String eventId;
        final String scopeId;
        final Field field;
        final int capacity;
        /** Numbers below {@code limit} are handed out; held seats at or above it count against the capacity. */
        int limit;
        final BitSet taken = new BitSet();
        /** Handed out, their write not finished: not in the store yet, still not free. */
        final BitSet inFlight = new BitSet();
        /**
         * Numbers this process claimed, settled or freed while a load ran: it knows them better than that load (except
         * a number found held by meeting the index, which may have been given back since: {@link #metHeld}).
         */
        final BitSet changedDuringLoad = new BitSet();
        final ReentrantLock loading = new ReentrantLock();
        boolean loadRunning;
        volatile boolean loaded;
        /** A seat at or above the limit was given back: the limit may rise, so the next claim that finds none reloads. */
        boolean stale;
        /** When the pool last read its event's count of seats given back, and when it last asked for the held seats. */
        long checkedAt;
        long askedAt;
        long askCost;
        /** The event's count of seats given back when this pool last asked which seats are held ({@code UNKNOWN}: ask). */
        long givenBackSeen;
        boolean metHeldDuringLoad;

        Pool(String eventId, String scopeId, Field field, int capacity) {
            this.eventId = eventId;
            this.scopeId = scopeId;
            this.field = field;
            this.capacity = capacity;
        }

        /** Takes a free number, or -1. */
        int claimFree() {
            int number = nextFree();
            if (number >= 0) {
                taken.set(number);
                inFlight.set(number);
                changed(number);
            }
            return number;
        }

        boolean reloadDue(long now) {
            return stale || now - checkedAt > RELOAD_NANOS;
        }

        /** Asking which seats are held is the expensive part (a scan on the embedded store): spaced by its cost. */
        boolean mayAsk(long now) {
            return !loaded || now - askedAt > RELOAD_COST_SHARE * askCost;
        }

        /** A number was found held by meeting the index: the next reload asks the store whatever the count says. */
        void metHeld() {
            givenBackSeen = SeatedEventRepository.UNKNOWN;
            if (loadRunning) {
                metHeldDuringLoad = true;
            }
        }

        void changed(int number) {
            if (loadRunning) {
                changedDuringLoad.set(number);
            }
        }

        void startLoad() {
            loadRunning = true;
            stale = false;
            metHeldDuringLoad = false;
            changedDuringLoad.clear();
        }

        /**
         * The load ended without learning the held seats: what the pool knows stands, and a reason to ask that was
         * not acted on ({@code stillStale}) is kept. A failed load also waits like this, so a failing store is not
         * hammered.
         */
        void checked(boolean stillStale) {
            changedDuringLoad.clear();
            loadRunning = false;
            stale |= stillStale;
            checkedAt = System.nanoTime();
        }

        /** The first free number from a random start: replicas sharing a pool rarely try the same one. */
        private int nextFree() {
            int number = taken.nextClearBit(limit == 0 ? 0 : java.util.concurrent.ThreadLocalRandom.current().nextInt(limit));
            if (number >= limit) {
                number = taken.nextClearBit(0);
            }
            return number < limit ? number : -1;
        }

        /**
         * Learns the held seats from the store: the largest limit such that the limit plus the seats held at or above
         * it fit the capacity. Seats without a number (taken while there was no limit) count as above every limit.
         */
        void learn(List<String> held, long started, long givenBack) {
            BitSet occupied = new BitSet();
            int unnumbered = 0;
            String prefix = scopeId + "/";
            for (String seat : held) {
                Integer number = seat != null && seat.startsWith(prefix) ? parse(seat.substring(prefix.length())) : null;
                if (number == null) {
                    unnumbered++;
                } else {
                    occupied.set(number);
                }
            }
            for (int number = changedDuringLoad.nextSetBit(0); number >= 0; number = changedDuringLoad.nextSetBit(number + 1)) {
                occupied.set(number, taken.get(number));
            }
            occupied.or(inFlight);
            int above = occupied.get(capacity, Math.max(capacity, occupied.length())).cardinality() + unnumbered;
            int candidate = capacity;
            while (candidate > 0 && candidate + above > capacity) {
                candidate--;
                if (occupied.get(candidate)) {
                    above++;
                }
            }
            limit = candidate;
            taken.clear();
            taken.or(occupied.get(0, limit));
            givenBackSeen = metHeldDuringLoad ? SeatedEventRepository.UNKNOWN : givenBack;
            checked(false);
            askedAt = checkedAt;
            askCost = askedAt - started;
            loaded = true;
        }

        static Integer parse(String number) {
            try {
                int value = Integer.parseInt(number);
                return value >= 0 ? value : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
