package io.eventplatform.analytics.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.analytics.repository.ProjectionRepository;
import io.eventplatform.analytics.service.ProjectionService;
import io.eventplatform.common.consumer.DomainEventHandler;
import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.contracts.OrganizationEvents.OrganizationSnapshot;
import io.eventplatform.common.contracts.RegistrationEvents.RegistrationSnapshot;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;

/** Everything analytics shows comes from these topics, and from nowhere else. */
public final class ProjectionHandlers {

    private ProjectionHandlers() {
    }

    @ApplicationScoped
    public static class Registrations implements DomainEventHandler {
        private final ProjectionService projections;

        public Registrations(ProjectionService projections) {
            this.projections = projections;
        }

        @Override
        public AggregateType aggregateType() {
            return AggregateType.REGISTRATION;
        }

        @Override
        public void handle(DomainEvent event) {
            projections.apply(event.dataAs(RegistrationSnapshot.class), event.aggregateVersion());
        }

        /** A batch is applied in a fixed number of store operations per event, which keeps up with a rush. */
        @Override
        public void handleAll(List<DomainEvent> events) {
            projections.applyAll(events.stream().map(e -> new ProjectionService.VersionedSnapshot(
                    e.dataAs(RegistrationSnapshot.class), e.aggregateVersion())).toList());
        }
    }

    @ApplicationScoped
    public static class Events implements DomainEventHandler {
        private final ProjectionRepository projections;

        public Events(ProjectionRepository projections) {
            this.projections = projections;
        }

        @Override
        public AggregateType aggregateType() {
            return AggregateType.EVENT;
        }

        @Override
        public void handle(DomainEvent event) {
            projections.applyEvent(event.dataAs(EventSnapshot.class), event.aggregateVersion());
        }
    }

    @ApplicationScoped
    public static class TicketTypes implements DomainEventHandler {
        private final ProjectionRepository projections;

        public TicketTypes(ProjectionRepository projections) {
            this.projections = projections;
        }

        @Override
        public AggregateType aggregateType() {
            return AggregateType.TICKET_TYPE;
        }

        @Override
        public void handle(DomainEvent event) {
            projections.applyTicketType(event.dataAs(TicketTypeSnapshot.class), event.aggregateVersion());
        }
    }

    /** A deleted organization's events leave the projections at once (event-service's deletions follow). */
    @ApplicationScoped
    public static class Organizations implements DomainEventHandler {
        private final ProjectionRepository projections;

        public Organizations(ProjectionRepository projections) {
            this.projections = projections;
        }

        @Override
        public AggregateType aggregateType() {
            return AggregateType.ORGANIZATION;
        }

        @Override
        public void handle(DomainEvent event) {
            OrganizationSnapshot organization = event.dataAs(OrganizationSnapshot.class);
            if (organization.deletedAt() != null) {
                projections.removeOrganization(organization.id());
            }
        }
    }
}
