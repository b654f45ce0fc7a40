package io.eventplatform.common.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import io.quarkus.arc.Arc;

/** Lets tests in other packages check what the consumer applied. */
public final class TestReplicaHandlerAccess {

    private TestReplicaHandlerAccess() {
    }

    /** Waits until the aggregate's snapshot was delivered at least twice, then asserts it was applied exactly once. */
    public static void awaitAppliedOnce(String id) {
        TestReplicaHandler handler = Arc.container().instance(TestReplicaHandler.class).get();
        await().atMost(Duration.ofSeconds(30)).until(() -> TestReplicaHandler.ATTEMPTS.get(id) != null
                && TestReplicaHandler.ATTEMPTS.get(id).get() >= 2 && handler.stored(id) != null);
        assertEquals(1, handler.stored(id).getInteger("applied_count"));
        assertEquals(1L, handler.stored(id).getLong("version"));
    }
}
