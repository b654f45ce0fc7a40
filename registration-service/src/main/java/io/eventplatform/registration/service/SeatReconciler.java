package io.eventplatform.registration.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.repository.InventoryRepository;
import io.eventplatform.registration.repository.RegistrationRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Recovers seats taken for registrations that were never stored (the service died between the seat and the write):
 * a hold older than a minute whose registration does not hold a seat gives its seat back; one whose registration
 * does is simply settled. The registrations are the truth.
 */
@ApplicationScoped
public class SeatReconciler {

    static final Duration HOLD_TIMEOUT = Duration.ofSeconds(60);
    /** A request saves the registration a seat was taken for within this, or gives the seat back and fails. */
    static final Duration SAVE_DEADLINE = Duration.ofSeconds(20);
    private static final Logger LOG = Logger.getLogger(SeatReconciler.class);

    private final InventoryRepository inventory;
    private final RegistrationRepository registrations;
    private final Counter recovered;

    public SeatReconciler(InventoryRepository inventory, RegistrationRepository registrations, MeterRegistry metrics) {
        this.inventory = inventory;
        this.registrations = registrations;
        this.recovered = metrics.counter("registration.seats.recovered");
    }

    @Scheduled(every = "${registration.reconcile-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcile() {
        reconcileHoldsOlderThan(Clocks.now().minus(HOLD_TIMEOUT));
    }

    /** Returns how many seats were given back. */
    public int reconcileHoldsOlderThan(Instant before) {
        int released = 0;
        for (InventoryRepository.Hold hold : inventory.staleHolds(before)) {
            boolean owned = ObjectId.isValid(hold.registrationId()) && registrations.findByIdOptional(new ObjectId(hold.registrationId()))
                    .filter(r -> owns(r, hold.id()))
                    .isPresent();
            if (owned) {
                // The registration's own changes give this seat back (releaseSeat), whatever its status now.
                inventory.settle(hold.eventId(), hold.id());
            } else if (inventory.releaseHold(hold.eventId(), hold.ticketTypeId(), hold.id())) {
                released++;
                recovered.increment();
                LOG.warnf("Recovered a seat of ticket type %s held for registration %s that never became its seat",
                        hold.ticketTypeId(), hold.registrationId());
            }
        }
        for (InventoryRepository.Release release : inventory.staleReleases(before)) {
            if (release.done()) {
                inventory.forgetRelease(release.eventId(), release.seat(), true);
                continue;
            }
            boolean stillSeated = ObjectId.isValid(release.registrationId())
                    && registrations.findByIdOptional(new ObjectId(release.registrationId()))
                            .filter(r -> r.status.holdsSeat() && owns(r, release.seat())).isPresent();
            if (stillSeated) {
                // The cancellation that announced it was never saved: the seat stays with its registration.
                inventory.forgetRelease(release.eventId(), release.seat(), false);
            } else if (inventory.releaseSeat(release.eventId(), release.ticketTypeId(), release.seat())) {
                released++;
                recovered.increment();
                LOG.warnf("Gave back the seat of registration %s, whose cancellation was saved but not its release",
                        release.registrationId());
            }
        }
        return released;
    }

    /** Registrations stored before seats were named had their own id as their hold. */
    private static boolean owns(Registration r, String holdId) {
        return holdId.equals(r.seat) || (r.seat == null && holdId.equals(r.idHex()));
    }

    /**
     * Fences a request that took a seat at {@code takenAt}: past the deadline the reconciler may give the seat back
     * at any moment, so the hold is released here and the request fails instead of saving.
     */
    static void requireInTime(InventoryRepository inventory, String eventId, String ticketTypeId, String holdId, Instant takenAt) {
        if (Duration.between(takenAt, Clocks.now()).compareTo(SAVE_DEADLINE) > 0) {
            inventory.releaseHold(eventId, ticketTypeId, holdId);
            throw new ApiException(503, "The seat could not be confirmed in time; please try again");
        }
    }
}
