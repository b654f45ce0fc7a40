package io.eventplatform.registration.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import io.eventplatform.common.time.Clocks;
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
            boolean stored = ObjectId.isValid(hold.registrationId()) && registrations.findByIdOptional(new ObjectId(hold.registrationId()))
                    .filter(r -> r.status.holdsSeat() && r.ticketTypeId.equals(hold.ticketTypeId()))
                    .isPresent();
            if (stored) {
                inventory.settle(hold.eventId(), hold.id());
            } else if (inventory.releaseHold(hold.eventId(), hold.ticketTypeId(), hold.id())) {
                released++;
                recovered.increment();
                LOG.warnf("Recovered a seat of ticket type %s held for registration %s that was never stored",
                        hold.ticketTypeId(), hold.registrationId());
            }
        }
        return released;
    }
}
