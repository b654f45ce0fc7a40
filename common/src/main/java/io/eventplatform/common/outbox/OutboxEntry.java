package io.eventplatform.common.outbox;

import java.time.Instant;

import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;

/**
 * A domain event waiting to be published, embedded in the aggregate's own document ({@code outbox} array) and
 * written in the same single-document write as the change it describes. The relay publishes it, then removes it.
 */
public class OutboxEntry {

    public static final String FIELD = "outbox";

    public String eventId;
    public String topic;
    public String key;
    public String payload;
    public Instant createdAt;

    public static OutboxEntry of(AggregateType aggregate, DomainEvent event) {
        OutboxEntry entry = new OutboxEntry();
        entry.eventId = event.eventId();
        entry.topic = aggregate.topic();
        entry.key = event.aggregateId();
        entry.payload = event.toJson();
        entry.createdAt = event.occurredAt();
        return entry;
    }
}
