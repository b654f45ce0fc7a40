package io.eventplatform.registration.service;

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
    static final String CHECKED_IN = "attendee.checked_in";
    static final String CHECK_IN_REVERTED = "attendee.check_in_reverted";
    /** Came in through a check-in list other than the event's default one (that one is a check-in). */
    static final String ENTERED = "attendee.entered";
    static final String EXITED = "attendee.exited";
    static final String SCAN_UNDONE = "attendee.scan_undone";

    private RegistrationEventsOut() {
    }

    static OutboxEntry of(String type, Registration registration) {
        return OutboxEntry.of(AggregateType.REGISTRATION, DomainEvent.of(AggregateType.REGISTRATION, type,
                registration.idHex(), registration.version, registration.organizationId, registration.snapshot()));
    }
}
