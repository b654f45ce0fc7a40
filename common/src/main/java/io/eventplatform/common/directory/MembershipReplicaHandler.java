package io.eventplatform.common.directory;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.consumer.DomainEventHandler;
import io.eventplatform.common.contracts.MembershipEvents.MembershipSnapshot;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.quarkus.arc.properties.IfBuildProperty;

/** Keeps the membership replica current from {@code platform.memberships}. */
@ApplicationScoped
@IfBuildProperty(name = "eventplatform.directory.enabled", stringValue = "true")
public class MembershipReplicaHandler implements DomainEventHandler {

    private final MembershipReplica replica;

    public MembershipReplicaHandler(MembershipReplica replica) {
        this.replica = replica;
    }

    @Override
    public AggregateType aggregateType() {
        return AggregateType.MEMBERSHIP;
    }

    @Override
    public void handle(DomainEvent event) {
        replica.apply(event.dataAs(MembershipSnapshot.class), event.aggregateVersion());
    }
}
