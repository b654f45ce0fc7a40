package io.eventplatform.event.domain;

import java.time.Instant;

import org.bson.types.ObjectId;

import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;

/** A ticket type, embedded in its event so that an event is created, copied and deleted with them in one write. */
public class TicketType {

    public ObjectId id;
    public String name;
    public String description;
    public double price;
    public Integer capacity;
    public boolean isEarlyBird;
    public Double earlyBirdPrice;
    public Instant earlyBirdEnds;
    public Instant validFrom;
    public Instant validUntil;
    public boolean isActive = true;
    public int sortOrder;
    public Instant createdAt;
    public Instant updatedAt;
    public long version;

    /** The price a buyer pays at {@code now}: the early-bird price until it ends. */
    public double priceAt(Instant now) {
        boolean earlyBird = isEarlyBird && earlyBirdPrice != null && earlyBirdEnds != null && now.isBefore(earlyBirdEnds);
        return earlyBird ? earlyBirdPrice : price;
    }

    public TicketTypeSnapshot snapshot(Event event, Instant deletedAt) {
        return new TicketTypeSnapshot(id.toHexString(), event.idHex(), event.organizationId, name, description, price,
                capacity, isEarlyBird, earlyBirdPrice, earlyBirdEnds, validFrom, validUntil, isActive, sortOrder,
                createdAt, updatedAt, deletedAt);
    }

    /** A copy for another event: new id, nothing sold, version 1. */
    public TicketType copy(Instant now) {
        TicketType copy = new TicketType();
        copy.id = new ObjectId();
        copy.name = name;
        copy.description = description;
        copy.price = price;
        copy.capacity = capacity;
        copy.isEarlyBird = isEarlyBird;
        copy.earlyBirdPrice = earlyBirdPrice;
        copy.earlyBirdEnds = earlyBirdEnds;
        copy.validFrom = validFrom;
        copy.validUntil = validUntil;
        copy.isActive = isActive;
        copy.sortOrder = sortOrder;
        copy.createdAt = now;
        copy.updatedAt = now;
        copy.version = 1;
        return copy;
    }
}
