package io.eventplatform.common.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.testing.Parallel;

class SingleFlightTest {

    private final SingleFlight<String, String> flight = new SingleFlight<>();
    private final Set<Thread> callers = ConcurrentHashMap.newKeySet();

    /**
     * The call answers only once every other caller waits for its answer, so all of them are in flight at once (a
     * caller that came after the answer would rightly make a call of its own).
     */
    private String slowCall(AtomicInteger calls, int callersInAll, String answer) {
        calls.incrementAndGet();
        Thread self = Thread.currentThread();
        await().atMost(Duration.ofSeconds(10)).until(() -> callers.size() == callersInAll && callers.stream()
                .filter(caller -> caller != self).allMatch(caller -> caller.getState() == Thread.State.WAITING));
        return answer;
    }

    @Test
    void concurrentCallersOfOneKeyShareOneCallAndItsAnswer() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> answers = Parallel.run(32, i -> {
            callers.add(Thread.currentThread());
            return flight.call("event-1", () -> slowCall(calls, 32, "catalog"));
        });
        assertEquals(32, answers.stream().filter("catalog"::equals).count());
        assertEquals(1, calls.get());

        assertEquals("again", flight.call("event-1", () -> "again"));
    }

    @Test
    void everyCallerOfAFailedCallGetsItsFailureAndTheNextCallIsMadeAfresh() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> statuses = Parallel.run(16, i -> {
            callers.add(Thread.currentThread());
            try {
                flight.call("event-2", () -> {
                    slowCall(calls, 16, null);
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
