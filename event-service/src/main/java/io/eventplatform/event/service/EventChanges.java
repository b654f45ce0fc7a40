package io.eventplatform.event.service;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.mongo.ConditionalSaves;
import io.eventplatform.common.outbox.OutboxEntry;
import io.eventplatform.common.outbox.OutboxRelay;
import io.eventplatform.event.domain.Event;
import io.eventplatform.event.domain.TicketType;
import io.eventplatform.event.repository.EventRepository;

/**
 * Every change to an event or its ticket types: read, check, change, then save the new state with its events in
 * one conditional write, starting over if another change came first.
 */
@ApplicationScoped
public class EventChanges {

    private final EventRepository events;
    private final OutboxRelay relay;

    public EventChanges(EventRepository events, OutboxRelay relay) {
        this.events = events;
        this.relay = relay;
    }

    @FunctionalInterface
    public interface Change {
        List<OutboxEntry> apply(Event event);
    }

    public Event apply(ObjectId eventId, Change change) {
        return ConditionalSaves.untilSaved("The event is being changed concurrently; try again", attempt -> {
            Event event = events.findLive(eventId).orElseThrow(() -> ApiException.notFound("Event not found"));
            long revision = event.revision;
            List<OutboxEntry> outbox = change.apply(event);
            if (outbox.isEmpty()) {
                return Optional.of(event);
            }
            if (!events.saveIfUnchanged(event, revision, outbox)) {
                return Optional.empty();
            }
            relay.nudge(Event.COLLECTION, event.id);
            return Optional.of(event);
        });
    }

    public void inserted(Event event) {
        relay.nudge(Event.COLLECTION, event.id);
    }

    public static OutboxEntry eventEvent(String type, Event event) {
        return OutboxEntry.of(AggregateType.EVENT, DomainEvent.of(AggregateType.EVENT, type, event.idHex(), event.version,
                event.organizationId, event.snapshot()));
    }

    public static OutboxEntry ticketTypeEvent(String type, Event event, TicketType ticketType, java.time.Instant deletedAt) {
        return OutboxEntry.of(AggregateType.TICKET_TYPE, DomainEvent.of(AggregateType.TICKET_TYPE, type,
                ticketType.id.toHexString(), ticketType.version, event.organizationId, ticketType.snapshot(event, deletedAt)));
    }
}
