package io.eventplatform.org.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.consumer.DomainEventHandler;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.org.repository.CatalogReplicaRepository;

/** An organization's detail shows its events and counts its templates, from event-service's topics. */
public final class CatalogEventsHandlers {

    private CatalogEventsHandlers() {
    }

    @ApplicationScoped
    public static class Events implements DomainEventHandler {
        private final CatalogReplicaRepository catalog;

        public Events(CatalogReplicaRepository catalog) {
            this.catalog = catalog;
        }

        @Override
        public AggregateType aggregateType() {
            return AggregateType.EVENT;
        }

        @Override
        public void handle(DomainEvent event) {
            catalog.apply(AggregateType.EVENT, event);
        }
    }

    @ApplicationScoped
    public static class Templates implements DomainEventHandler {
        private final CatalogReplicaRepository catalog;

        public Templates(CatalogReplicaRepository catalog) {
            this.catalog = catalog;
        }

        @Override
        public AggregateType aggregateType() {
            return AggregateType.TEMPLATE;
        }

        @Override
        public void handle(DomainEvent event) {
            catalog.apply(AggregateType.TEMPLATE, event);
        }
    }
}
