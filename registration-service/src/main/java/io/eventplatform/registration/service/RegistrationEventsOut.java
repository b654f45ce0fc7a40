package io.eventplatform.registration.service;

import io.eventplatform.common.contracts.RegistrationEvents;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.outbox.OutboxEntry;
import io.eventplatform.registration.domain.Registration;

/**
 * A registration event to publish (its type is one of {@link RegistrationEvents}), with the full snapshot and its
 * version.
 */
final class RegistrationEventsOut {

    private RegistrationEventsOut() {
    }

    static OutboxEntry of(String type, Registration registration) {
        return OutboxEntry.of(AggregateType.REGISTRATION, DomainEvent.of(AggregateType.REGISTRATION, type,
                registration.idHex(), registration.version, registration.organizationId, registration.snapshot()));
    }
}
