package io.eventplatform.analytics.service;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.analytics.domain.RegistrationFacts;
import io.eventplatform.analytics.repository.ProjectionRepository;
import io.eventplatform.analytics.repository.ProjectionRepository.CountedRegistration;
import io.eventplatform.common.contracts.RegistrationEvents.RegistrationSnapshot;
import io.eventplatform.common.events.PoisonMessageException;

/**
 * Turns registration snapshots into counter deltas. For each registration the projection remembers the version it
 * counted; a newer snapshot adds the difference between what it counts and what the counted one did, so duplicates
 * and older versions change nothing, and registrations applied in any order give the same counters.
 */
@ApplicationScoped
public class ProjectionService {

    private final ProjectionRepository projections;

    public ProjectionService(ProjectionRepository projections) {
        this.projections = projections;
    }

    /**
     * Three writes, each safe to repeat: add the delta to the event's counters (marking the registration in flight
     * at this version, which makes a repeated add a no-op), record the counted facts, clear the mark. A crash between
     * any two is finished by the next delivery of the same event.
     */
    public void apply(RegistrationSnapshot snapshot, long version) {
        RegistrationFacts facts = RegistrationFacts.of(snapshot);
        Optional<CountedRegistration> counted = projections.counted(snapshot.id());
        if (counted.isPresent() && counted.get().version() >= version) {
            if (counted.get().version() == version) {
                projections.settle(facts.eventId(), snapshot.id(), version);
            }
            return;
        }
        RegistrationFacts before = counted.map(CountedRegistration::facts).orElse(null);
        if (before != null && !before.eventId().equals(facts.eventId())) {
            throw new PoisonMessageException("Registration " + snapshot.id() + " moved from event " + before.eventId()
                    + " to " + facts.eventId());
        }
        Map<String, Long> delta = RegistrationFacts.delta(before, facts);
        if (delta.isEmpty()) {
            projections.recordCounted(snapshot.id(), version, facts);
            return;
        }
        projections.addToCounters(facts.eventId(), snapshot.organizationId(), snapshot.id(), version, delta);
        projections.recordCounted(snapshot.id(), version, facts);
        projections.settle(facts.eventId(), snapshot.id(), version);
    }
}
