package io.eventplatform.registration.service;

import java.time.Instant;
import java.util.Optional;

import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.registration.domain.PaymentStatus;
import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.domain.RegistrationStatus;

/** The rules of registering and of checking in, from the event's and the ticket type's snapshots. */
final class RegistrationRules {

    private RegistrationRules() {
    }

    static void requireOpen(EventSnapshot event, TicketTypeSnapshot ticketType, Instant now) {
        if (!ticketType.eventId().equals(event.id())) {
            throw ApiException.badRequest("Ticket type does not belong to this event");
        }
        if (!"PUBLISHED".equals(event.status()) && !"ONGOING".equals(event.status())) {
            throw ApiException.badRequest("Event is not open for registration");
        }
        if (event.registrationOpenDate() != null && now.isBefore(event.registrationOpenDate())) {
            throw ApiException.badRequest("Registration has not opened yet");
        }
        if (event.registrationCloseDate() != null && now.isAfter(event.registrationCloseDate())) {
            throw ApiException.badRequest("Registration is closed");
        }
        if (!ticketType.isActive()) {
            throw ApiException.badRequest("Ticket type is not available");
        }
        if ((ticketType.validFrom() != null && now.isBefore(ticketType.validFrom()))
                || (ticketType.validUntil() != null && now.isAfter(ticketType.validUntil()))) {
            throw ApiException.badRequest("Ticket type is not on sale now");
        }
    }

    static double priceAt(TicketTypeSnapshot t, Instant now) {
        boolean earlyBird = t.isEarlyBird() && t.earlyBirdPrice() != null && t.earlyBirdEnds() != null && now.isBefore(t.earlyBirdEnds());
        return earlyBird ? t.earlyBirdPrice() : t.price();
    }

    /** A seat is held: free and without approval is CONFIRMED and paid; otherwise PENDING until approved and paid. */
    static void admit(Registration r, boolean requireApproval, Instant now) {
        boolean free = r.paymentAmount == 0;
        r.status = free && !requireApproval ? RegistrationStatus.CONFIRMED : RegistrationStatus.PENDING;
        r.paymentStatus = free ? PaymentStatus.COMPLETED : PaymentStatus.PENDING;
        if (free) {
            r.paymentDate = now;
        }
    }

    /** Only CONFIRMED registrations can be checked in; otherwise why not, for a door-scanner app to branch on. */
    static void requireCheckInable(Registration r) {
        statusRefusal(r).ifPresent(refusal -> {
            throw refusal.asError();
        });
    }

    /** Why the registration's status keeps it out, if it does. */
    static Optional<Refusal> statusRefusal(Registration r) {
        return switch (r.status) {
            case CONFIRMED -> Optional.empty();
            case PENDING -> Optional.of(r.paymentStatus != PaymentStatus.COMPLETED && r.paymentAmount > 0
                    ? new Refusal("unpaid", "Registration is not paid")
                    : new Refusal("unapproved", "Registration is not approved"));
            case CANCELLED -> Optional.of(new Refusal("canceled", "Registration is cancelled"));
            case REJECTED -> Optional.of(new Refusal("rejected", "Registration was rejected"));
            case WAITLIST -> Optional.of(new Refusal("waitlisted", "Registration is on the waitlist"));
        };
    }
}
