package io.eventplatform.event.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.bson.types.ObjectId;

import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.outbox.OutboxEntry;
import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * An event with its ticket types. {@code planSlot} is the event's place in its organization's plan: a unique index on
 * (organization, slot) with slots 0..max_events-1 makes the plan limit exact under any concurrency.
 */
@MongoEntity(collection = Event.COLLECTION)
public class Event {

    public static final String COLLECTION = "events";

    public ObjectId id;
    public String organizationId;
    public String createdById;
    public String name;
    public String slug;
    public String description;
    public Instant startDate;
    public Instant endDate;
    public String timezone;
    public String venue;
    public String address;
    public String city;
    public String country;
    public boolean isVirtual;
    public String virtualUrl;
    public String coverImage;
    public String logo;
    public String primaryColor;
    public Integer maxAttendees;
    public Instant registrationOpenDate;
    public Instant registrationCloseDate;
    public boolean requireApproval;
    public boolean waitlistEnabled;
    /** Tickets are Ed25519-signed QR codes a door device checks offline (events stored before this field: false). */
    public boolean signedTickets;
    public EventStatus status;
    public boolean isPublished;
    public boolean isTemplate;
    public String templateId;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant publishedAt;
    public Instant deletedAt;
    public String planSlot;
    public long version;
    public long revision;
    public List<TicketType> ticketTypes = new ArrayList<>();
    public List<OutboxEntry> outbox = new ArrayList<>();

    public String idHex() {
        return id.toHexString();
    }

    public Optional<TicketType> ticketType(String ticketTypeId) {
        return ticketTypes.stream().filter(t -> t.id.toHexString().equals(ticketTypeId)).findFirst();
    }

    public List<TicketType> activeTicketTypes() {
        return ticketTypes.stream().filter(t -> t.isActive).sorted(Comparator.comparingInt(t -> t.sortOrder)).toList();
    }

    public EventSnapshot snapshot() {
        return new EventSnapshot(idHex(), organizationId, createdById, name, slug, description, startDate, endDate,
                timezone, venue, address, city, country, isVirtual, virtualUrl, coverImage, logo, primaryColor,
                maxAttendees, registrationOpenDate, registrationCloseDate, requireApproval, waitlistEnabled,
                status.name(), isPublished, templateId, createdAt, updatedAt, publishedAt, deletedAt, signedTickets);
    }
}
