package io.eventplatform.registration.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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
    /** A done release is remembered this long, so that a late duplicate of it finds it done. */
    static final Duration DONE_RETENTION = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(SeatReconciler.class);

    private final InventoryRepository inventory;
    private final RegistrationRepository registrations;
    private final WaitlistPromoter waitlist;
    private final Counter recovered;

    public SeatReconciler(InventoryRepository inventory, RegistrationRepository registrations, WaitlistPromoter waitlist,
            MeterRegistry metrics) {
        this.inventory = inventory;
        this.registrations = registrations;
        this.waitlist = waitlist;
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
            boolean valid = ObjectId.isValid(hold.registrationId());
            boolean owned = valid && registrations.findByIdOptional(new ObjectId(hold.registrationId()))
                    .filter(r -> owns(r, hold.id()))
                    .isPresent();
            if (owned || (valid && !registrations.fenceOut(new ObjectId(hold.registrationId()), hold.id()))) {
                // The registration's own changes give this seat back (releaseSeat), whatever its status now.
                inventory.settle(hold.eventId(), hold.id());
            } else if (inventory.releaseHold(hold.eventId(), hold.ticketTypeId(), hold.id())) {
                released++;
                recovered.increment();
                LOG.warnf("Recovered a seat of ticket type %s held for registration %s that never became its seat",
                        hold.ticketTypeId(), hold.registrationId());
                waitlist.promoteEvent(hold.eventId());
            }
        }
        for (InventoryRepository.Release release : inventory.staleReleases(before)) {
            if (release.done()) {
                if (release.at() != null && release.at().isBefore(before.minus(DONE_RETENTION))) {
                    inventory.forgetRelease(release);
                }
                continue;
            }
            Optional<Registration> registration = ObjectId.isValid(release.registrationId())
                    ? registrations.findByIdOptional(new ObjectId(release.registrationId())) : Optional.empty();
            // Only a saved cancellation names the seat it gives back; anything else leaves the seat where it is.
            boolean saved = registration.filter(r -> release.seat().equals(r.releasedSeat) && !r.status.holdsSeat()).isPresent();
            if (saved && inventory.releaseSeat(release.eventId(), release.ticketTypeId(), release.seat())) {
                released++;
                recovered.increment();
                LOG.warnf("Gave back the seat of registration %s, whose cancellation was saved but not its release",
                        release.registrationId());
                waitlist.promoteEvent(release.eventId());
            } else if (!saved) {
                inventory.forgetRelease(release);
            }
        }
        return released;
    }

    /** A registration stored before seats were named owns any hold made for it while it holds a seat. */
    private static boolean owns(Registration r, String holdId) {
        return holdId.equals(r.seat) || (r.seat == null && r.status != null && r.status.holdsSeat());
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
