package io.eventplatform.common.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.testing.Parallel;

class SingleFlightTest {

    private final SingleFlight<String, String> flight = new SingleFlight<>();

    /** The call waits until every caller has started, so all of them are in flight at once. */
    private static String slowCall(AtomicInteger calls, CountDownLatch started, String answer) {
        calls.incrementAndGet();
        try {
            started.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return answer;
    }

    @Test
    void concurrentCallersOfOneKeyShareOneCallAndItsAnswer() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(32);
        List<String> answers = Parallel.run(32, i -> {
            started.countDown();
            return flight.call("event-1", () -> slowCall(calls, started, "catalog"));
        });
        assertEquals(32, answers.stream().filter("catalog"::equals).count());
        assertEquals(1, calls.get());

        assertEquals("again", flight.call("event-1", () -> "again"));
    }

    @Test
    void everyCallerOfAFailedCallGetsItsFailureAndTheNextCallIsMadeAfresh() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(16);
        List<Integer> statuses = Parallel.run(16, i -> {
            started.countDown();
            try {
                flight.call("event-2", () -> {
                    slowCall(calls, started, null);
                    throw new ApiException(503, "Event catalog unavailable, try again shortly");
                });
                return 200;
            } catch (ApiException e) {
                return e.status();
            }
        });
        assertEquals(16, statuses.stream().filter(s -> s == 503).count());
        assertEquals(1, calls.get());
        assertEquals("recovered", flight.call("event-2", () -> "recovered"));
    }
}
