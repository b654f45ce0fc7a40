package io.eventplatform.event.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.consumer.DomainEventHandler;
import io.eventplatform.common.contracts.RegistrationEvents;
import io.eventplatform.common.contracts.RegistrationEvents.RegistrationSnapshot;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.event.repository.RegistrationCountRepository;

/** Sold counts and registration counts follow registration-service's snapshots. */
@ApplicationScoped
public class RegistrationEventsHandler implements DomainEventHandler {

    private final RegistrationCountRepository counts;

    public RegistrationEventsHandler(RegistrationCountRepository counts) {
        this.counts = counts;
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.REGISTRATION;
    }

    @Override
    public void handle(DomainEvent event) {
        handleAll(List.of(event));
    }

    /**
     * A rush of registrations is counted in two store operations per batch. The door's events change nothing counted
     * here, so a batch of check-ins costs none.
     */
    @Override
    public void handleAll(List<DomainEvent> events) {
        counts.applyAll(events.stream().filter(e -> !RegistrationEvents.DOOR.contains(e.type()))
                .map(e -> RegistrationCountRepository.fields(e.dataAs(RegistrationSnapshot.class), e.aggregateVersion()))
                .toList());
    }
}
