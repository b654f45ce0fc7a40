package io.eventplatform.event.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;

import io.eventplatform.common.contracts.EventEvents;
import io.eventplatform.common.directory.MembershipDirectory;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.id.Ids;
import io.eventplatform.common.outbox.OutboxEntry;
import io.eventplatform.common.outbox.OutboxRelay;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.security.Permission;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.event.domain.Event;
import io.eventplatform.event.domain.Template;
import io.eventplatform.event.domain.TicketType;
import io.eventplatform.event.repository.EventRepository;
import io.eventplatform.event.repository.TemplateRepository;
import io.eventplatform.event.rest.EventRequests;
import io.eventplatform.event.rest.EventViews.TemplateView;

/** Templates: MANAGE_TEMPLATES to create and delete, any member to read. */
@ApplicationScoped
public class TemplateService {

    private final TemplateRepository templates;
    private final EventRepository events;
    private final MembershipDirectory directory;
    private final OutboxRelay relay;

    public TemplateService(TemplateRepository templates, EventRepository events, MembershipDirectory directory, OutboxRelay relay) {
        this.templates = templates;
        this.events = events;
        this.directory = directory;
        this.relay = relay;
    }

    /** From scratch ({@code template_data}) or from an event ({@code event_id}; given template_data then overrides it). */
    public TemplateView create(EventRequests.CreateTemplate request, CurrentUser caller) {
        String organizationId = Ids.fromBody(request.organizationId(), "organization_id").toHexString();
        directory.require(caller, organizationId, Permission.MANAGE_TEMPLATES);
        Document data = new Document();
        if (request.eventId() != null) {
            Event event = events.findLive(Ids.fromBody(request.eventId(), "event_id"))
                    .filter(e -> e.organizationId.equals(organizationId))
                    .orElseThrow(() -> ApiException.notFound("Event not found"));
            data.putAll(fromEvent(event));
        } else if (request.templateData() == null) {
            throw ApiException.unprocessable("body", "template_data", "field required (or give event_id)");
        }
        if (request.templateData() != null) {
            data.putAll(TemplateData.document(request.templateData()));
        }
        Instant now = Clocks.now();
        Template template = new Template();
        template.id = new ObjectId();
        template.organizationId = organizationId;
        template.name = request.name().trim();
        template.description = request.description();
        template.category = request.category();
        template.templateData = TemplateData.validated(data);
        template.createdAt = now;
        template.updatedAt = now;
        template.version = 1;
        template.outbox.add(event(EventEvents.TEMPLATE_CREATED, template));
        templates.persist(template);
        relay.nudge(Template.COLLECTION, template.id);
        return TemplateView.of(template);
    }

    public List<TemplateView> list(String organizationId, CurrentUser caller) {
        if (organizationId == null) {
            throw ApiException.unprocessable("query", "organization_id", "field required");
        }
        String id = Ids.fromQuery(organizationId, "organization_id").toHexString();
        directory.requireMember(caller, id);
        return templates.liveOf(id).stream().map(TemplateView::of).toList();
    }

    public TemplateView get(String templateId, CurrentUser caller) {
        Template template = live(templateId);
        directory.requireMember(caller, template.organizationId, "Template not found");
        return TemplateView.of(template);
    }

    public void delete(String templateId, CurrentUser caller) {
        Template template = live(templateId);
        directory.require(caller, template.organizationId, Permission.MANAGE_TEMPLATES, "Template not found");
        markDeleted(template);
    }

    public void deleteAllOf(String organizationId) {
        templates.liveOf(organizationId).forEach(this::markDeleted);
    }

    private void markDeleted(Template template) {
        Instant now = Clocks.now();
        template.deletedAt = now;
        template.updatedAt = now;
        template.version++;
        if (templates.markDeleted(template, event(EventEvents.TEMPLATE_DELETED, template))) {
            relay.nudge(Template.COLLECTION, template.id);
        }
    }

    private Template live(String templateId) {
        return templates.findLive(Ids.fromPath(templateId, "Template not found"))
                .orElseThrow(() -> ApiException.notFound("Template not found"));
    }

    private static Map<String, Object> fromEvent(Event event) {
        Document data = new Document();
        data.put("description", event.description);
        data.put("venue", event.venue);
        data.put("is_virtual", event.isVirtual);
        data.put("max_attendees", event.maxAttendees);
        data.put("require_approval", event.requireApproval);
        data.put("cover_image", event.coverImage);
        data.put("logo", event.logo);
        data.put("primary_color", event.primaryColor);
        List<Document> ticketTypes = new ArrayList<>();
        for (TicketType t : event.ticketTypes) {
            ticketTypes.add(new Document("name", t.name).append("description", t.description).append("price", t.price)
                    .append("capacity", t.capacity).append("is_early_bird", t.isEarlyBird)
                    .append("early_bird_price", t.earlyBirdPrice)
                    .append("early_bird_ends", t.earlyBirdEnds == null ? null : t.earlyBirdEnds.toString())
                    .append("sort_order", t.sortOrder));
        }
        data.put("ticket_types", ticketTypes);
        return data;
    }

    private static OutboxEntry event(String type, Template template) {
        return OutboxEntry.of(AggregateType.TEMPLATE, DomainEvent.of(AggregateType.TEMPLATE, type, template.idHex(),
                template.version, template.organizationId, template.snapshot()));
    }
}
