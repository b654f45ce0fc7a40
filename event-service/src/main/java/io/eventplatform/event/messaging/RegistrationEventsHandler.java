package io.eventplatform.event.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.consumer.DomainEventHandler;
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

    /** A rush of registrations is counted in two store operations per batch. */
    @Override
    public void handleAll(List<DomainEvent> events) {
        counts.applyAll(events.stream().map(e -> RegistrationCountRepository.fields(e.dataAs(RegistrationSnapshot.class),
                e.aggregateVersion())).toList());
    }
}
