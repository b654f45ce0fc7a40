package io.eventplatform.registration.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.consumer.DomainEventHandler;
import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.registration.repository.CatalogRepository;
import io.eventplatform.registration.service.RegistrationChanges;
import io.eventplatform.registration.service.WaitlistPromoter;

/** The rules of registering (status, dates, prices, capacities) come from event-service's snapshots. */
public final class CatalogEventsHandlers {

    private CatalogEventsHandlers() {
    }

    @ApplicationScoped
    public static class Events implements DomainEventHandler {
        private final CatalogRepository catalog;
        private final RegistrationChanges registrations;
        private final WaitlistPromoter waitlist;

        public Events(CatalogRepository catalog, RegistrationChanges registrations, WaitlistPromoter waitlist) {
            this.catalog = catalog;
            this.registrations = registrations;
            this.waitlist = waitlist;
        }

        @Override
        public AggregateType aggregateType() {
            return AggregateType.EVENT;
        }

        @Override
        public void handle(DomainEvent event) {
            EventSnapshot snapshot = event.dataAs(EventSnapshot.class);
            catalog.applyEvent(snapshot, event.aggregateVersion());
            // Both are idempotent and run on every delivery, so a retried message finishes what a failed one began.
            if (snapshot.deletedAt() != null) {
                registrations.cancelAllOf(snapshot.id());
            } else {
                // A raised maximum, or an event opened again, may seat the waitlist.
                waitlist.promote(snapshot.id());
            }
        }
    }

    @ApplicationScoped
    public static class TicketTypes implements DomainEventHandler {
        private final CatalogRepository catalog;
        private final WaitlistPromoter waitlist;

        public TicketTypes(CatalogRepository catalog, WaitlistPromoter waitlist) {
            this.catalog = catalog;
            this.waitlist = waitlist;
        }

        @Override
        public AggregateType aggregateType() {
            return AggregateType.TICKET_TYPE;
        }

        /** A raised capacity may seat the waitlist. */
        @Override
        public void handle(DomainEvent event) {
            TicketTypeSnapshot snapshot = event.dataAs(TicketTypeSnapshot.class);
            catalog.applyTicketType(snapshot, event.aggregateVersion());
            if (snapshot.deletedAt() == null) {
                waitlist.promote(snapshot.eventId());
            }
        }
    }
}
