package io.eventplatform.common.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.types.ObjectId;

import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;

/** An aggregate written the way services write theirs: the change and its event in one document. */
public class TestAggregate {

    public ObjectId id;
    public String name;
    public long version;
    public List<OutboxEntry> outbox = new ArrayList<>();

    static TestAggregate created(String name) {
        TestAggregate aggregate = new TestAggregate();
        aggregate.id = new ObjectId();
        aggregate.name = name;
        aggregate.version = 1;
        aggregate.outbox.add(OutboxEntry.of(AggregateType.TEMPLATE, DomainEvent.of(AggregateType.TEMPLATE,
                "template.created", aggregate.id.toHexString(), 1, null, Map.of("name", name))));
        return aggregate;
    }
}
