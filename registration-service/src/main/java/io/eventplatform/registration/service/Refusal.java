package io.eventplatform.registration.service;

import java.util.Map;

import io.eventplatform.common.error.ApiException;

/** Why a scan does not let someone in or out: a machine-readable reason and the words for the person at the door. */
public record Refusal(String reason, String detail) {

    /** As the documented check-in endpoints answer it: 400 with the reason next to the detail. */
    ApiException asError() {
        return new ApiException(400, detail, Map.of("reason", reason));
    }
}
