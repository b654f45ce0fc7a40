package io.eventplatform.event.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.consumer.DomainEventHandler;
import io.eventplatform.common.contracts.OrganizationEvents;
import io.eventplatform.common.contracts.OrganizationEvents.OrganizationSnapshot;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.event.repository.OrganizationReplicaRepository;
import io.eventplatform.event.service.EventService;
import io.eventplatform.event.service.TemplateService;

/** Organization names and plans from org-service; a deleted organization's events and templates go with it. */
@ApplicationScoped
public class OrganizationEventsHandler implements DomainEventHandler {

    private final OrganizationReplicaRepository organizations;
    private final EventService events;
    private final TemplateService templates;

    public OrganizationEventsHandler(OrganizationReplicaRepository organizations, EventService events, TemplateService templates) {
        this.organizations = organizations;
        this.events = events;
        this.templates = templates;
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.ORGANIZATION;
    }

    @Override
    public void handle(DomainEvent event) {
        OrganizationSnapshot organization = event.dataAs(OrganizationSnapshot.class);
        organizations.apply(organization, event.aggregateVersion());
        if (OrganizationEvents.DELETED.equals(event.type())) {
            events.deleteAllOf(organization.id());
            templates.deleteAllOf(organization.id());
        }
    }
}
