package io.eventplatform.registration.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * An entrance of an event: who it admits, when, and whether people may come in again. Every event has a default list
 * whose id is the event's own id: it exists (with the values below) before anyone stores it, and the documented
 * check-in endpoints scan on it.
 */
@MongoEntity(collection = CheckInList.COLLECTION)
public class CheckInList {

    public static final String COLLECTION = "check_in_lists";
    public static final String DEFAULT_NAME = "Main entrance";

    public ObjectId id;
    public String eventId;
    public String organizationId;
    public String name;
    /** The ticket types admitted; empty admits every ticket type of the event. */
    public List<String> ticketTypeIds = new ArrayList<>();
    /** Entries are refused before this (null: no limit). Exits are always accepted. */
    public Instant validFrom;
    /** Entries are refused after this (null: no limit). */
    public Instant validUntil;
    /** Someone already inside may be admitted again (a day pass scanned at every door, say). */
    public boolean allowMultipleEntries;
    /** Someone who went out may come back in. */
    public boolean allowEntryAfterExit = true;
    public Instant createdAt;
    public Instant updatedAt;
    public long version;

    public static CheckInList defaultOf(String eventId, String organizationId) {
        CheckInList list = new CheckInList();
        list.id = new ObjectId(eventId);
        list.eventId = eventId;
        list.organizationId = organizationId;
        list.name = DEFAULT_NAME;
        return list;
    }

    public String idHex() {
        return id.toHexString();
    }

    public boolean isDefault() {
        return idHex().equals(eventId);
    }

    public boolean admitsTicketType(String ticketTypeId) {
        return ticketTypeIds == null || ticketTypeIds.isEmpty() || ticketTypeIds.contains(ticketTypeId);
    }

    public boolean opensEntryAt(Instant at) {
        return (validFrom == null || !at.isBefore(validFrom)) && (validUntil == null || !at.isAfter(validUntil));
    }
}
