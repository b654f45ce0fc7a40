package io.eventplatform.common.consumer;

import java.util.List;

import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;

/**
 * A service's reaction to one aggregate's topic. {@link #handle} must be idempotent and order-tolerant (apply a
 * snapshot only if its {@code aggregate_version} is newer than what is stored, see {@link VersionedWrites}). It throws
 * {@link io.eventplatform.common.events.PoisonMessageException} for a message no retry can fix; a failure that
 * {@link TransientFailures} calls transient is retried for as long as it lasts, any other a few times (see
 * {@link DomainEventConsumer}).
 */
public interface DomainEventHandler {

    AggregateType aggregateType();

    void handle(DomainEvent event);

    /**
     * A batch of one partition's events, in order. Handlers that can apply a batch in fewer store operations than
     * one by one override this; the same rules hold for the batch as a whole.
     */
    default void handleAll(List<DomainEvent> events) {
        events.forEach(this::handle);
    }

    /**
     * Two handlers of one topic as one (a service's own reaction and a replica every service keeps): both are
     * idempotent, so a batch retried after the second failed is applied to the first again harmlessly.
     */
    default DomainEventHandler andThen(DomainEventHandler next) {
        DomainEventHandler first = this;
        return new DomainEventHandler() {
            @Override
            public AggregateType aggregateType() {
                return first.aggregateType();
            }

            @Override
            public void handle(DomainEvent event) {
                first.handle(event);
                next.handle(event);
            }

            @Override
            public void handleAll(List<DomainEvent> events) {
                first.handleAll(events);
                next.handleAll(events);
            }
        };
    }
}
