package io.eventplatform.registration;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.repository.RegistrationRepository;
import io.quarkus.test.Mock;

/**
 * The real repository, which fails or stalls where a test says: it can make one request die right after its
 * registration was stored (the insert, with its seat and key, is done; nothing after it runs), which is what kill -9
 * at that moment leaves; and it can hold back the seat queries of a ticket type or event until the test opens the
 * gate, which is what a slow store (the embedded one scanning 100,000 registrations) looks like.
 */
@Mock
@Singleton
public class FaultyRegistrationRepository extends RegistrationRepository {

    static final Set<String> CRASH_AFTER_STORING = ConcurrentHashMap.newKeySet();
    /** Seat queries of these ticket types or events wait for their gate; each one is counted. */
    static final Map<String, CountDownLatch> SEAT_QUERY_GATES = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> SEAT_QUERIES = new ConcurrentHashMap<>();
    /** How long a gated seat query takes at least: a slow store's scan. */
    static volatile Duration seatQueryTakes = Duration.ZERO;

    @Override
    public boolean insertIfAbsent(Registration registration, Optional<Keyed> keyed) {
        boolean stored = super.insertIfAbsent(registration, keyed);
        if (stored && CRASH_AFTER_STORING.remove(registration.eventId)) {
            throw new IllegalStateException("Simulated crash right after storing a registration");
        }
        return stored;
    }

    @Override
    public List<String> seatsHeld(String scopeField, String scopeId, String seatField) {
        CountDownLatch gate = SEAT_QUERY_GATES.get(scopeId);
        if (gate != null) {
            SEAT_QUERIES.computeIfAbsent(scopeId, id -> new AtomicInteger()).incrementAndGet();
            long started = System.nanoTime();
            try {
                gate.await(30, TimeUnit.SECONDS);
                long left = seatQueryTakes.toNanos() - (System.nanoTime() - started);
                if (left > 0) {
                    TimeUnit.NANOSECONDS.sleep(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return super.seatsHeld(scopeField, scopeId, seatField);
    }
}
