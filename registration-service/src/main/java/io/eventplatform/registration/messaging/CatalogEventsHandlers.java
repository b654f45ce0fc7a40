package io.eventplatform.registration.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.consumer.DomainEventHandler;
import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.registration.repository.CatalogRepository;

/** The rules of registering (status, dates, prices, capacities) come from event-service's snapshots. */
public final class CatalogEventsHandlers {

    private CatalogEventsHandlers() {
    }

    @ApplicationScoped
    public static class Events implements DomainEventHandler {
        private final CatalogRepository catalog;

        public Events(CatalogRepository catalog) {
            this.catalog = catalog;
        }

        @Override
        public AggregateType aggregateType() {
            return AggregateType.EVENT;
        }

        @Override
        public void handle(DomainEvent event) {
            catalog.applyEvent(event.dataAs(EventSnapshot.class), event.aggregateVersion());
        }
    }

    @ApplicationScoped
    public static class TicketTypes implements DomainEventHandler {
        private final CatalogRepository catalog;

        public TicketTypes(CatalogRepository catalog) {
            this.catalog = catalog;
        }

        @Override
        public AggregateType aggregateType() {
            return AggregateType.TICKET_TYPE;
        }

        @Override
        public void handle(DomainEvent event) {
            catalog.applyTicketType(event.dataAs(TicketTypeSnapshot.class), event.aggregateVersion());
        }
    }
}
