package io.eventplatform.registration.service;

import io.eventplatform.common.contracts.RegistrationEvents;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;
import io.eventplatform.common.outbox.OutboxEntry;
import io.eventplatform.registration.domain.Registration;

/** The registration events registration-service publishes, each with the full snapshot and its version. */
final class RegistrationEventsOut {

    static final String CREATED = "registration.created";
    static final String CONFIRMED = "registration.confirmed";
    static final String WAITLISTED = "registration.waitlisted";
    static final String PROMOTED = "registration.promoted";
    static final String UPDATED = "registration.updated";
    static final String CANCELLED = "registration.cancelled";
    static final String REJECTED = "registration.rejected";
    static final String PAYMENT_COMPLETED = "payment.completed";
    static final String PAYMENT_REFUNDED = "payment.refunded";
    static final String CHECKED_IN = RegistrationEvents.CHECKED_IN;
    static final String CHECK_IN_REVERTED = RegistrationEvents.CHECK_IN_REVERTED;
    static final String ENTERED = RegistrationEvents.ENTERED;
    static final String EXITED = RegistrationEvents.EXITED;
    static final String SCAN_UNDONE = RegistrationEvents.SCAN_UNDONE;

    private RegistrationEventsOut() {
    }

    static OutboxEntry of(String type, Registration registration) {
        return OutboxEntry.of(AggregateType.REGISTRATION, DomainEvent.of(AggregateType.REGISTRATION, type,
                registration.idHex(), registration.version, registration.organizationId, registration.snapshot()));
    }
}
