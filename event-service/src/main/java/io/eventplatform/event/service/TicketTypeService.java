package io.eventplatform.event.service;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import io.eventplatform.common.contracts.EventEvents;
import io.eventplatform.common.directory.MembershipDirectory;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.id.Ids;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.security.Permission;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.common.validation.Limits;
import io.eventplatform.event.domain.Event;
import io.eventplatform.event.domain.TicketType;
import io.eventplatform.event.repository.EventRepository;
import io.eventplatform.event.rest.EventRequests;
import io.eventplatform.event.rest.EventViews.TicketTypeView;

/**
 * Ticket types: EDIT_EVENT on the event's organization to change them; readable without a token for published
 * events, and only by members for drafts.
 */
@ApplicationScoped
public class TicketTypeService {

    private final EventRepository events;
    private final EventChanges changes;
    private final MembershipDirectory directory;
    private final EventPresenter presenter;

    public TicketTypeService(EventRepository events, EventChanges changes, MembershipDirectory directory, EventPresenter presenter) {
        this.events = events;
        this.changes = changes;
        this.directory = directory;
        this.presenter = presenter;
    }

    public TicketTypeView create(EventRequests.CreateTicketType request, CurrentUser caller) {
        ObjectId eventId = Ids.fromBody(request.eventId(), "event_id");
        ObjectId ticketTypeId = new ObjectId();
        Event saved = changes.apply(eventId, event -> {
            directory.require(caller, event.organizationId, Permission.EDIT_EVENT, "Event not found");
            if (event.ticketTypes.size() >= Limits.TICKET_TYPES) {
                throw ApiException.badRequest("An event has at most " + Limits.TICKET_TYPES + " ticket types");
            }
            Instant now = Clocks.now();
            TicketType t = new TicketType();
            t.id = ticketTypeId;
            t.name = request.name().trim();
            t.description = request.description();
            t.price = request.price();
            t.capacity = request.capacity();
            t.isEarlyBird = Boolean.TRUE.equals(request.isEarlyBird());
            t.earlyBirdPrice = request.earlyBirdPrice();
            t.earlyBirdEnds = request.earlyBirdEnds();
            t.validFrom = request.validFrom();
            t.validUntil = request.validUntil();
            t.isActive = request.isActive() == null || request.isActive();
            t.sortOrder = request.sortOrder() == null ? 0 : request.sortOrder();
            t.createdAt = now;
            t.updatedAt = now;
            t.version = 1;
            validate(t);
            event.ticketTypes.add(t);
            return List.of(EventChanges.ticketTypeEvent(EventEvents.TICKET_TYPE_CREATED, event, t, null));
        });
        return TicketTypeView.of(saved, saved.ticketType(ticketTypeId.toHexString()).orElseThrow(), 0);
    }

    public List<TicketTypeView> forEvent(String eventId, CurrentUser caller) {
        Event event = visible(events.findLive(Ids.fromPath(eventId, "Event not found")).orElse(null), caller, "Event not found");
        Map<String, Long> sold = presenter.soldByTicketType(event);
        return event.ticketTypes.stream().sorted(Comparator.comparingInt(t -> t.sortOrder))
                .map(t -> TicketTypeView.of(event, t, sold.getOrDefault(t.id.toHexString(), 0L))).toList();
    }

    public TicketTypeView get(String ticketTypeId, CurrentUser caller) {
        ObjectId id = Ids.fromPath(ticketTypeId, "Ticket type not found");
        Event event = visible(events.findLiveByTicketType(id).orElse(null), caller, "Ticket type not found");
        TicketType t = event.ticketType(id.toHexString()).orElseThrow(() -> ApiException.notFound("Ticket type not found"));
        return TicketTypeView.of(event, t, presenter.sold(event, id.toHexString()));
    }

    public TicketTypeView update(String rawTicketTypeId, EventRequests.UpdateTicketType request, CurrentUser caller) {
        String ticketTypeId = Ids.fromPath(rawTicketTypeId, "Ticket type not found").toHexString();
        Event saved = changes.apply(eventOf(ticketTypeId), event -> {
            directory.require(caller, event.organizationId, Permission.EDIT_EVENT, "Ticket type not found");
            TicketType t = event.ticketType(ticketTypeId).orElseThrow(() -> ApiException.notFound("Ticket type not found"));
            if (request.name() != null) {
                t.name = request.name().trim();
            }
            if (request.description() != null) {
                t.description = request.description();
            }
            if (request.price() != null) {
                t.price = request.price();
            }
            if (request.capacity() != null) {
                long sold = presenter.sold(event, ticketTypeId);
                if (request.capacity() < sold) {
                    throw ApiException.badRequest("capacity cannot be below the " + sold + " tickets already sold");
                }
                t.capacity = request.capacity();
            }
            if (request.isEarlyBird() != null) {
                t.isEarlyBird = request.isEarlyBird();
            }
            if (request.earlyBirdPrice() != null) {
                t.earlyBirdPrice = request.earlyBirdPrice();
            }
            if (request.earlyBirdEnds() != null) {
                t.earlyBirdEnds = request.earlyBirdEnds();
            }
            if (request.validFrom() != null) {
                t.validFrom = request.validFrom();
            }
            if (request.validUntil() != null) {
                t.validUntil = request.validUntil();
            }
            if (request.isActive() != null) {
                t.isActive = request.isActive();
            }
            if (request.sortOrder() != null) {
                t.sortOrder = request.sortOrder();
            }
            validate(t);
            t.updatedAt = Clocks.now();
            t.version++;
            return List.of(EventChanges.ticketTypeEvent(EventEvents.TICKET_TYPE_UPDATED, event, t, null));
        });
        return TicketTypeView.of(saved, saved.ticketType(ticketTypeId).orElseThrow(), presenter.sold(saved, ticketTypeId));
    }

    public void delete(String rawTicketTypeId, CurrentUser caller) {
        String ticketTypeId = Ids.fromPath(rawTicketTypeId, "Ticket type not found").toHexString();
        changes.apply(eventOf(ticketTypeId), event -> {
            directory.require(caller, event.organizationId, Permission.EDIT_EVENT, "Ticket type not found");
            TicketType t = event.ticketType(ticketTypeId).orElseThrow(() -> ApiException.notFound("Ticket type not found"));
            if (presenter.sold(event, ticketTypeId) > 0) {
                throw ApiException.badRequest("Cannot delete ticket type with sold tickets");
            }
            Instant now = Clocks.now();
            t.updatedAt = now;
            t.version++;
            event.ticketTypes.remove(t);
            return List.of(EventChanges.ticketTypeEvent(EventEvents.TICKET_TYPE_DELETED, event, t, now));
        });
    }

    private ObjectId eventOf(String ticketTypeId) {
        ObjectId id = Ids.fromPath(ticketTypeId, "Ticket type not found");
        return events.findLiveByTicketType(id).map(e -> e.id).orElseThrow(() -> ApiException.notFound("Ticket type not found"));
    }

    /** A published event is public; a draft only for its organization's members (others: not found). */
    private Event visible(Event event, CurrentUser caller, String notFound) {
        if (event == null) {
            throw ApiException.notFound(notFound);
        }
        if (event.isPublished) {
            return event;
        }
        if (!caller.isAuthenticated() || directory.role(event.organizationId, caller).isEmpty()) {
            throw ApiException.notFound(notFound);
        }
        return event;
    }

    /** The rules of a ticket type, also for those a template creates. */
    static void validate(TicketType t) {
        if (t.isEarlyBird) {
            if (t.earlyBirdPrice == null || t.earlyBirdEnds == null) {
                throw ApiException.badRequest("An early-bird ticket type needs early_bird_price and early_bird_ends");
            }
            if (t.earlyBirdPrice >= t.price) {
                throw ApiException.badRequest("early_bird_price must be below price");
            }
        }
        if (t.validFrom != null && t.validUntil != null && !t.validFrom.isBefore(t.validUntil)) {
            throw ApiException.badRequest("valid_from must be before valid_until");
        }
    }
}
