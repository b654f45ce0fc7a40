package io.eventplatform.common.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.eventplatform.common.json.JsonConventions;
import io.eventplatform.common.time.Clocks;

/**
 * The envelope of every domain event. {@code data} is the full snapshot of the aggregate after the change and
 * {@code aggregate_version} grows by one with each change, so a consumer can rebuild everything from a topic and
 * ignore anything older than what it already applied.
 */
public record DomainEvent(
        String eventId,
        String type,
        String aggregateType,
        String aggregateId,
        long aggregateVersion,
        Instant occurredAt,
        String organizationId,
        JsonNode data) {

    private static final ObjectMapper MAPPER = JsonConventions.newMapper();

    public static DomainEvent of(AggregateType aggregate, String type, String aggregateId, long version,
            String organizationId, Object snapshot) {
        return new DomainEvent(UUID.randomUUID().toString(), type, aggregate.wireName(), aggregateId, version,
                Clocks.now(), organizationId, MAPPER.valueToTree(snapshot));
    }

    public <T> T dataAs(Class<T> contract) {
        try {
            return MAPPER.treeToValue(data, contract);
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException("Snapshot does not match " + contract.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise domain event " + type, e);
        }
    }

    public static DomainEvent fromJson(String json) {
        DomainEvent event;
        try {
            event = MAPPER.readValue(json, DomainEvent.class);
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException("Not a domain event: " + e.getOriginalMessage(), e);
        }
        if (event.eventId() == null || event.type() == null || event.aggregateId() == null || event.data() == null) {
            throw new PoisonMessageException("Domain event without event_id, type, aggregate_id or data");
        }
        return event;
    }
}
