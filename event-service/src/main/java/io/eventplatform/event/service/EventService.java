package io.eventplatform.event.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;

import io.eventplatform.common.contracts.EventEvents;
import io.eventplatform.common.directory.MembershipDirectory;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.id.Ids;
import io.eventplatform.common.outbox.OutboxEntry;
import io.eventplatform.common.pagination.Page;
import io.eventplatform.common.pagination.PageRequest;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.security.Permission;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.event.domain.Event;
import io.eventplatform.event.domain.EventStatus;
import io.eventplatform.event.domain.Template;
import io.eventplatform.event.domain.TicketType;
import io.eventplatform.event.repository.EventRepository;
import io.eventplatform.event.repository.OrganizationReplicaRepository.OrganizationInfo;
import io.eventplatform.event.repository.TemplateRepository;
import io.eventplatform.event.rest.EventRequests;
import io.eventplatform.event.rest.EventViews.EventList;
import io.eventplatform.event.rest.EventViews.EventView;
import io.eventplatform.event.rest.PublicEventView;

@ApplicationScoped
public class EventService {

    private final EventRepository events;
    private final TemplateRepository templates;
    private final EventChanges changes;
    private final MembershipDirectory directory;
    private final OrganizationLookup organizations;
    private final EventPresenter presenter;

    public EventService(EventRepository events, TemplateRepository templates, EventChanges changes,
            MembershipDirectory directory, OrganizationLookup organizations, EventPresenter presenter) {
        this.events = events;
        this.templates = templates;
        this.changes = changes;
        this.directory = directory;
        this.organizations = organizations;
        this.presenter = presenter;
    }

    public EventView create(EventRequests.CreateEvent request, CurrentUser caller) {
        String organizationId = Ids.fromBody(request.organizationId(), "organization_id").toHexString();
        directory.require(caller, organizationId, Permission.CREATE_EVENT);
        OrganizationInfo organization = organizations.require(organizationId);
        Template template = request.templateId() == null ? null : template(request.templateId(), organizationId);
        Document defaults = template == null || template.templateData == null ? new Document() : template.templateData;

        Instant now = Clocks.now();
        Event event = new Event();
        event.id = new ObjectId();
        event.organizationId = organizationId;
        event.createdById = caller.id();
        event.name = request.name().trim();
        event.slug = request.slug();
        event.description = firstNonNull(request.description(), TemplateData.text(defaults, "description"));
        event.startDate = request.startDate();
        event.endDate = request.endDate();
        event.timezone = request.timezone() == null ? "UTC" : request.timezone();
        event.venue = firstNonNull(request.venue(), TemplateData.text(defaults, "venue"));
        event.address = request.address();
        event.city = request.city();
        event.country = request.country();
        event.isVirtual = firstNonNull(request.isVirtual(), TemplateData.flag(defaults, "is_virtual"), false);
        event.virtualUrl = request.virtualUrl();
        event.coverImage = firstNonNull(request.coverImage(), TemplateData.text(defaults, "cover_image"));
        event.logo = firstNonNull(request.logo(), TemplateData.text(defaults, "logo"));
        event.primaryColor = firstNonNull(request.primaryColor(), TemplateData.text(defaults, "primary_color"));
        event.maxAttendees = request.maxAttendees() != null ? request.maxAttendees() : TemplateData.integer(defaults, "max_attendees");
        event.registrationOpenDate = request.registrationOpenDate();
        event.registrationCloseDate = request.registrationCloseDate();
        event.requireApproval = firstNonNull(request.requireApproval(), TemplateData.flag(defaults, "require_approval"), false);
        event.waitlistEnabled = request.waitlistEnabled() != null && request.waitlistEnabled();
        event.signedTickets = request.signedTickets() == null || request.signedTickets();
        event.status = EventStatus.DRAFT;
        event.isPublished = false;
        event.templateId = template == null ? null : template.idHex();
        event.createdAt = now;
        event.updatedAt = now;
        event.version = 1;
        EventRules.validate(event);
        event.ticketTypes = new ArrayList<>(TemplateData.ticketTypes(defaults, now));
        event.outbox.add(EventChanges.eventEvent(EventEvents.EVENT_CREATED, event));
        for (TicketType ticketType : event.ticketTypes) {
            event.outbox.add(EventChanges.ticketTypeEvent(EventEvents.TICKET_TYPE_CREATED, event, ticketType, null));
        }
        insert(event, organization);
        return presenter.view(event);
    }

    public EventList list(String organizationId, String status, String search, PageRequest request, CurrentUser caller) {
        List<String> organizationIds;
        if (organizationId != null) {
            String id = Ids.fromQuery(organizationId, "organization_id").toHexString();
            directory.requireMember(caller, id);
            organizationIds = List.of(id);
        } else {
            organizationIds = directory.organizationsOf(caller);
        }
        String statusFilter = status == null ? null : EventRules.status(status, "query").name();
        Page<Event> found = events.search(organizationIds, statusFilter, search, request);
        return new EventList(presenter.views(found.items()), found.total(), request.page(), request.limit());
    }

    public EventView get(String eventId, CurrentUser caller) {
        Event event = live(eventId);
        directory.requireMember(caller, event.organizationId, "Event not found");
        return presenter.view(event);
    }

    public EventView update(String eventId, EventRequests.UpdateEvent request, CurrentUser caller) {
        Event saved = changes.apply(Ids.fromPath(eventId, "Event not found"), event -> {
            directory.require(caller, event.organizationId, Permission.EDIT_EVENT, "Event not found");
            if (request.changesPublication()) {
                directory.require(caller, event.organizationId, Permission.PUBLISH_EVENT, "Event not found");
            }
            EventStatus before = event.status;
            EventRules.apply(event, request);
            EventRules.validate(event);
            event.updatedAt = Clocks.now();
            event.version++;
            String type = event.status == before ? EventEvents.EVENT_UPDATED
                    : event.status == EventStatus.PUBLISHED ? EventEvents.EVENT_PUBLISHED
                    : event.status == EventStatus.CANCELLED ? EventEvents.EVENT_CANCELLED
                    : EventEvents.EVENT_UPDATED;
            return List.of(EventChanges.eventEvent(type, event));
        });
        return presenter.view(saved);
    }

    public void delete(String eventId, CurrentUser caller) {
        changes.apply(Ids.fromPath(eventId, "Event not found"), event -> {
            directory.require(caller, event.organizationId, Permission.DELETE_EVENT, "Event not found");
            return markDeleted(event);
        });
    }

    /** A copy as a new DRAFT: "(Copy)" in the name, the first free of {@code -copy}, {@code -copy-1}, … as slug. */
    public EventView duplicate(String eventId, CurrentUser caller) {
        Event original = live(eventId);
        directory.require(caller, original.organizationId, Permission.DUPLICATE_EVENT, "Event not found");
        OrganizationInfo organization = organizations.require(original.organizationId);
        Instant now = Clocks.now();
        Event copy = new Event();
        copy.id = new ObjectId();
        copy.organizationId = original.organizationId;
        copy.createdById = caller.id();
        copy.name = original.name + " (Copy)";
        copy.description = original.description;
        copy.startDate = original.startDate;
        copy.endDate = original.endDate;
        copy.timezone = original.timezone;
        copy.venue = original.venue;
        copy.address = original.address;
        copy.city = original.city;
        copy.country = original.country;
        copy.isVirtual = original.isVirtual;
        copy.virtualUrl = original.virtualUrl;
        copy.coverImage = original.coverImage;
        copy.logo = original.logo;
        copy.primaryColor = original.primaryColor;
        copy.maxAttendees = original.maxAttendees;
        copy.registrationOpenDate = original.registrationOpenDate;
        copy.registrationCloseDate = original.registrationCloseDate;
        copy.requireApproval = original.requireApproval;
        copy.waitlistEnabled = original.waitlistEnabled;
        copy.signedTickets = original.signedTickets;
        copy.templateId = original.templateId;
        copy.status = EventStatus.DRAFT;
        copy.isPublished = false;
        copy.createdAt = now;
        copy.updatedAt = now;
        copy.version = 1;
        copy.ticketTypes = new ArrayList<>(original.ticketTypes.stream().map(t -> t.copy(now)).toList());
        String base = original.slug + "-copy";
        for (int n = 0;; n++) {
            copy.slug = n == 0 ? base : base + "-" + n;
            if (events.slugExists(copy.slug)) {
                continue;
            }
            copy.outbox = new ArrayList<>();
            copy.outbox.add(EventChanges.eventEvent(EventEvents.EVENT_CREATED, copy));
            for (TicketType ticketType : copy.ticketTypes) {
                copy.outbox.add(EventChanges.ticketTypeEvent(EventEvents.TICKET_TYPE_CREATED, copy, ticketType, null));
            }
            EventRepository.InsertResult result = events.insertWithinPlan(copy, organization.maxEvents());
            if (result != EventRepository.InsertResult.SLUG_TAKEN) {
                requireInserted(result, organization);
                changes.inserted(copy);
                return presenter.view(copy);
            }
        }
    }

    /** What an attendee sees before registering: only published (or ongoing) events, by slug, without a token. */
    public PublicEventView publicPage(String slug) {
        Event event = events.findLiveBySlug(slug).filter(e -> e.status.isOpenForRegistration())
                .orElseThrow(() -> ApiException.notFound("Event not found"));
        return presenter.forSale(event);
    }

    /** An organization was deleted: so are its events, each with its deletion published. */
    public void deleteAllOf(String organizationId) {
        for (Event event : events.liveEventsOf(organizationId)) {
            try {
                changes.apply(event.id, this::markDeleted);
            } catch (ApiException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
    }

    Event live(String eventId) {
        return events.findLive(Ids.fromPath(eventId, "Event not found")).orElseThrow(() -> ApiException.notFound("Event not found"));
    }

    private List<OutboxEntry> markDeleted(Event event) {
        Instant now = Clocks.now();
        event.deletedAt = now;
        event.updatedAt = now;
        event.slug = event.slug + "--deleted-" + event.idHex();
        event.planSlot = "deleted-" + event.idHex();
        event.version++;
        List<OutboxEntry> outbox = new ArrayList<>();
        outbox.add(EventChanges.eventEvent(EventEvents.EVENT_DELETED, event));
        for (TicketType ticketType : event.ticketTypes) {
            ticketType.version++;
            ticketType.updatedAt = now;
            outbox.add(EventChanges.ticketTypeEvent(EventEvents.TICKET_TYPE_DELETED, event, ticketType, now));
        }
        return outbox;
    }

    private void insert(Event event, OrganizationInfo organization) {
        requireInserted(events.insertWithinPlan(event, organization.maxEvents()), organization);
        changes.inserted(event);
    }

    private static void requireInserted(EventRepository.InsertResult result, OrganizationInfo organization) {
        switch (result) {
            case SLUG_TAKEN -> throw ApiException.badRequest("Event slug already exists");
            case PLAN_FULL -> throw ApiException.badRequest("The " + organization.planType() + " plan allows "
                    + organization.maxEvents() + " events; delete one or upgrade the plan");
            case CREATED -> {
            }
        }
    }

    private Template template(String templateId, String organizationId) {
        return templates.findLive(Ids.fromBody(templateId, "template_id"))
                .filter(t -> t.organizationId.equals(organizationId))
                .orElseThrow(() -> ApiException.notFound("Template not found"));
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
