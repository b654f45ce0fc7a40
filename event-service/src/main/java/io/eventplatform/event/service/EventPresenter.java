package io.eventplatform.event.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.time.Clocks;
import io.eventplatform.event.domain.Event;
import io.eventplatform.event.repository.OrganizationReplicaRepository;
import io.eventplatform.event.repository.RegistrationCountRepository;
import io.eventplatform.event.rest.EventViews.EventView;
import io.eventplatform.event.rest.EventViews.OrganizationRef;
import io.eventplatform.event.rest.EventViews.TicketTypeView;
import io.eventplatform.event.rest.PublicEventView;

/**
 * Events as the API shows them (the prototype's {@code get_event_with_details}), for any number of events with a
 * fixed number of queries: one per organization involved and two for all the counts.
 */
@ApplicationScoped
public class EventPresenter {

    private final OrganizationReplicaRepository organizations;
    private final RegistrationCountRepository counts;

    public EventPresenter(OrganizationReplicaRepository organizations, RegistrationCountRepository counts) {
        this.organizations = organizations;
        this.counts = counts;
    }

    public EventView view(Event event) {
        return views(List.of(event)).get(0);
    }

    public List<EventView> views(List<Event> events) {
        List<String> ids = events.stream().map(Event::idHex).toList();
        Map<String, Long> sold = counts.soldByTicketType(ids);
        Map<String, Long> registrations = counts.registrationsByEvent(ids);
        Map<String, OrganizationRef> orgs = new HashMap<>();
        return events.stream().map(e -> {
            OrganizationRef org = orgs.computeIfAbsent(e.organizationId,
                    id -> organizations.find(id).map(OrganizationRef::of).orElse(null));
            List<TicketTypeView> ticketTypes = e.activeTicketTypes().stream()
                    .map(t -> TicketTypeView.of(e, t, sold.getOrDefault(t.id.toHexString(), 0L))).toList();
            return EventView.of(e, org, ticketTypes, registrations.getOrDefault(e.idHex(), 0L));
        }).toList();
    }

    /** The public page: active ticket types with the price in effect now and the seats left. */
    public PublicEventView forSale(Event event) {
        Map<String, Long> sold = counts.soldByTicketType(List.of(event.idHex()));
        Instant now = Clocks.now();
        List<PublicEventView.PublicTicketType> ticketTypes = event.activeTicketTypes().stream()
                .map(t -> PublicEventView.PublicTicketType.of(t, sold.getOrDefault(t.id.toHexString(), 0L), now)).toList();
        OrganizationRef org = organizations.find(event.organizationId).map(OrganizationRef::of).orElse(null);
        return PublicEventView.of(event, org, ticketTypes);
    }

    public long sold(Event event, String ticketTypeId) {
        return counts.soldByTicketType(List.of(event.idHex())).getOrDefault(ticketTypeId, 0L);
    }

    public Map<String, Long> soldByTicketType(Event event) {
        return counts.soldByTicketType(List.of(event.idHex()));
    }
}
