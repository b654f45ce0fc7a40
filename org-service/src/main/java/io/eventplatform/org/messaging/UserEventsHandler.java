package io.eventplatform.org.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.consumer.DomainEventHandler;
import io.eventplatform.common.contracts.UserEvents.UserSnapshot;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.org.repository.UserReplicaRepository;

/** Member names and add-by-email come from identity-service's user events. */
@ApplicationScoped
public class UserEventsHandler implements DomainEventHandler {

    private final UserReplicaRepository users;

    public UserEventsHandler(UserReplicaRepository users) {
        this.users = users;
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.USER;
    }

    @Override
    public void handle(DomainEvent event) {
        users.apply(event.dataAs(UserSnapshot.class), event.aggregateVersion());
    }
}
