package io.eventplatform.registration.service;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.security.CurrentUser;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.registration.repository.IdempotencyRepository;
import io.eventplatform.registration.rest.RegistrationRequests;
import io.eventplatform.registration.rest.RegistrationViews;

/**
 * {@code POST /api/registrations} with an {@code Idempotency-Key}: the same key from the same caller within 24 hours
 * returns the first successful response and creates nothing new; a key whose first request failed can be retried.
 */
@ApplicationScoped
public class IdempotentRegistrations {

    static final Duration KEY_LIFETIME = Duration.ofHours(24);
    /** How long a request may take before another request with its key may assume it died. */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(2);

    private final RegistrationService registrations;
    private final IdempotencyRepository keys;
    private final ObjectMapper json;

    public IdempotentRegistrations(RegistrationService registrations, IdempotencyRepository keys, ObjectMapper json) {
        this.registrations = registrations;
        this.keys = keys;
        this.json = json;
    }

    /** The response body to send with 201: stored from the first request, or made now. */
    public String register(RegistrationRequests.Create request, Optional<String> idempotencyKey, CurrentUser caller) {
        if (idempotencyKey.isEmpty()) {
            return body(registrations.register(request, caller));
        }
        if (idempotencyKey.get().length() > 200) {
            throw ApiException.unprocessable("header", "Idempotency-Key", "at most 200 characters");
        }
        String key = caller.id() + ":" + idempotencyKey.get();
        String owner = java.util.UUID.randomUUID().toString();
        boolean claimed = keys.claim(key, owner, Clocks.now(), CLAIM_LEASE);
        if (!claimed) {
            // Taken: a response older than a day no longer counts (the store's TTL index may not have removed it).
            keys.forgetOlderThan(key, Clocks.now().minus(KEY_LIFETIME));
            claimed = keys.claim(key, owner, Clocks.now(), CLAIM_LEASE);
        }
        if (!claimed) {
            return keys.response(key).map(stored -> stored.getString("body"))
                    .orElseThrow(() -> new ApiException(409, "A request with this Idempotency-Key is still in progress"));
        }
        try {
            String body = body(registrations.register(request, caller));
            keys.complete(key, owner, 201, body);
            return body;
        } catch (RuntimeException e) {
            keys.release(key, owner);
            throw e;
        }
    }

    private String body(io.eventplatform.registration.domain.Registration registration) {
        try {
            return json.writeValueAsString(new RegistrationViews.Wrapped(RegistrationViews.RegistrationView.of(registration)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
