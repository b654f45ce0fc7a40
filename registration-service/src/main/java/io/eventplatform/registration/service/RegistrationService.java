package io.eventplatform.registration.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.contracts.RegistrationEvents;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.id.Ids;
import io.eventplatform.common.outbox.OutboxRelay;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.registration.domain.PaymentStatus;
import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.domain.RegistrationStatus;
import io.eventplatform.registration.repository.RegistrationRepository;
import io.eventplatform.registration.rest.RegistrationRequests;
import io.eventplatform.registration.rest.RegistrationViews;

/**
 * Registering: the event's and the ticket type's rules, then the registration stored with its seat numbers and its
 * event in one insert (SeatSlots: never more seats than capacity or max_attendees, whatever the concurrency and
 * however many replicas), or waitlisted when full. One registration per (event, email) is the unique index's decision.
 * <p>
 * With an {@code Idempotency-Key}, the registration carries (caller, key) under a unique index and the response it is
 * answered with, so the key and what it made are one write: a retry after any crash finds the registration and gets
 * that response again, and of concurrent requests with one key exactly one stores a registration. A key is kept for
 * a day (per caller); a request that made nothing can be retried with its key.
 */
@ApplicationScoped
public class RegistrationService {

    static final String EMAIL_TAKEN = "Email already registered for this event";
    static final Duration KEY_LIFETIME = Duration.ofHours(24);
    static final int MAX_KEY_LENGTH = 200;

    private final CatalogLookup catalog;
    private final SeatSlots seats;
    private final RegistrationRepository registrations;
    private final OutboxRelay relay;
    private final WaitlistPromoter waitlist;
    private final ObjectMapper json;

    public RegistrationService(CatalogLookup catalog, SeatSlots seats, RegistrationRepository registrations,
            OutboxRelay relay, WaitlistPromoter waitlist, ObjectMapper json) {
        this.catalog = catalog;
        this.seats = seats;
        this.registrations = registrations;
        this.relay = relay;
        this.waitlist = waitlist;
        this.json = json;
    }

    /** The body of the 201 answer: of the registration made now, or the first answer given for this key. */
    public String register(RegistrationRequests.Create request, Optional<String> idempotencyKey, CurrentUser caller) {
        if (idempotencyKey.isPresent() && idempotencyKey.get().length() > MAX_KEY_LENGTH) {
            throw ApiException.unprocessable("header", "Idempotency-Key", "at most " + MAX_KEY_LENGTH + " characters");
        }
        Optional<String> key = idempotencyKey.map(k -> caller.id() + ":" + k);
        Optional<String> first = key.flatMap(this::firstResponse);
        if (first.isPresent()) {
            return first.get();
        }
        try {
            return create(request, key, caller);
        } catch (ApiException refusal) {
            // A concurrent request with this key made the registration (this one then lost its seat or its insert).
            return key.flatMap(this::firstResponse).orElseThrow(() -> refusal);
        }
    }

    private Optional<String> firstResponse(String key) {
        return registrations.madeUnder(key).flatMap(made -> {
            if (made.createdAt().isAfter(Clocks.now().minus(KEY_LIFETIME))) {
                return Optional.of(made.response());
            }
            registrations.forgetKey(made.id(), key);
            return Optional.empty();
        });
    }

    private String create(RegistrationRequests.Create request, Optional<String> key, CurrentUser caller) {
        String eventId = Ids.fromBody(request.eventId(), "event_id").toHexString();
        String ticketTypeId = Ids.fromBody(request.ticketTypeId(), "ticket_type_id").toHexString();
        Instant now = Clocks.now();
        CatalogLookup.Offer offer = catalog.openForRegistration(eventId, ticketTypeId, now);
        EventSnapshot event = offer.event();
        TicketTypeSnapshot ticketType = offer.ticketType();
        String email = request.email().trim().toLowerCase(Locale.ROOT);

        Registration r = new Registration();
        r.id = new ObjectId();
        r.eventId = eventId;
        r.ticketTypeId = ticketTypeId;
        r.organizationId = event.organizationId();
        r.userId = caller.id();
        r.firstName = request.firstName().trim();
        r.lastName = request.lastName().trim();
        r.email = email;
        r.phone = request.phone();
        r.company = request.company();
        r.jobTitle = request.jobTitle();
        r.customFields = request.customFields() == null ? null : new org.bson.Document(request.customFields());
        r.source = request.source() == null ? "web" : request.source();
        r.referralCode = request.referralCode();
        r.paymentAmount = RegistrationRules.priceAt(ticketType, now);
        r.createdAt = now;
        r.updatedAt = now;
        r.version = 1;

        Optional<String> body;
        try {
            body = seats.seatAndWrite(event, ticketType, r, seated -> {
                RegistrationRules.admit(seated, event.requireApproval(), now);
                seated.outbox.clear();
                seated.outbox.add(RegistrationEventsOut.of(seated.status == RegistrationStatus.CONFIRMED
                        ? RegistrationEvents.CONFIRMED : RegistrationEvents.CREATED, seated));
                return Optional.of(insert(seated, key));
            });
        } catch (SeatSlots.Full full) {
            if (!event.waitlistEnabled()) {
                throw full;
            }
            SeatSlots.clear(r);
            r.status = RegistrationStatus.WAITLIST;
            r.paymentStatus = PaymentStatus.PENDING;
            r.outbox.clear();
            r.outbox.add(RegistrationEventsOut.of(RegistrationEvents.WAITLISTED, r));
            body = Optional.of(insert(r, key));
            // A seat freed between the refusal and this insert would otherwise wait for the next one.
            waitlist.promote(eventId);
        }
        return body.orElseThrow();
    }

    /**
     * Stores the registration (with its key and response, if keyed) and returns the response. A taken seat number
     * is thrown to SeatSlots; a taken email or key refuses; a taken QR code is drawn again.
     */
    private String insert(Registration r, Optional<String> key) {
        for (int attempt = 0; attempt < 5; attempt++) {
            r.qrCode = QrCodes.generate();
            String body = body(r);
            if (registrations.insertIfAbsent(r, key.map(k -> new RegistrationRepository.Keyed(k, body)))) {
                relay.nudge(Registration.COLLECTION, r.id);
                return body;
            }
            boolean keyUsed = key.isPresent() && registrations.madeUnder(key.get()).isPresent();
            if (keyUsed || registrations.emailTaken(r.eventId, r.email)) {
                throw keyUsed ? new ApiException(409, "A request with this Idempotency-Key made a registration meanwhile")
                        : ApiException.badRequest(EMAIL_TAKEN);
            }
        }
        throw new IllegalStateException("Could not store a registration with a fresh QR code");
    }

    private String body(Registration registration) {
        try {
            return json.writeValueAsString(new RegistrationViews.Wrapped(RegistrationViews.RegistrationView.of(registration)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
