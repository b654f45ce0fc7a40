package io.eventplatform.common.mongo;

import java.util.Optional;
import java.util.function.IntFunction;

import io.eventplatform.common.error.ApiException;

/**
 * Optimistic changes without transactions: read, check, change, save conditionally on the state read; when another
 * write came first, start over from a fresh read. After many lost races the caller gets a 409 to retry later.
 */
public final class ConditionalSaves {

    static final int MAX_ATTEMPTS = 20;

    private ConditionalSaves() {
    }

    /**
     * Runs {@code attempt} (given its number, from 0) until it returns a result: the saved state, or the unchanged one
     * when there was nothing to save. An empty result means the conditional save lost a race.
     */
    public static <T> T untilSaved(String conflictDetail, IntFunction<Optional<T>> attempt) {
        for (int number = 0; number < MAX_ATTEMPTS; number++) {
            Optional<T> result = attempt.apply(number);
            if (result.isPresent()) {
                return result.get();
            }
        }
        throw new ApiException(409, conflictDetail);
    }
}
