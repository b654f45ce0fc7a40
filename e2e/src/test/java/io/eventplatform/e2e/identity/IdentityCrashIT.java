package io.eventplatform.e2e.identity;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.eventplatform.e2e.support.SuiteIT;
import io.restassured.http.ContentType;

/**
 * kill -9 identity-service while registrations keep coming: the gateway answers 503 at once while it is down, and
 * after a restart every user whose registration was acknowledged can still log in.
 */
class IdentityCrashIT extends SuiteIT {

    private static final String PASSWORD = "crash-test-password";

    record Attempt(String email, int status, long millis) {
    }

    @Test
    void noAcknowledgedUserIsLostAndTheGatewayNeverHangs() throws Exception {
        List<Attempt> attempts = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread load = new Thread(() -> {
            int i = 0;
            while (running.get()) {
                String email = uniqueEmail("crash" + i++);
                long started = System.nanoTime();
                int status = given().contentType(ContentType.JSON)
                        .body(Map.of("email", email, "name", "Crash " + i, "password", PASSWORD))
                        .post("/api/auth/register").statusCode();
                attempts.add(new Attempt(email, status, (System.nanoTime() - started) / 1_000_000));
            }
        }, "registration-load");
        load.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts.stream().filter(a -> a.status() == 201).count() >= 5);
            suite.kill("identity-service");
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts.stream().filter(a -> a.status() == 503).count() >= 3);
            suite.restart("identity-service");
            int afterRestart = attempts.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts.subList(afterRestart, attempts.size()).stream()
                    .filter(a -> a.status() == 201).count() >= 5);
        } finally {
            running.set(false);
            load.join(30_000);
        }

        for (Attempt attempt : attempts) {
            assertTrue(attempt.status() == 201 || attempt.status() == 503, "unexpected answer " + attempt);
            assertTrue(attempt.millis() < 5000, "the gateway hung: " + attempt);
        }
        List<Attempt> acknowledged = attempts.stream().filter(a -> a.status() == 201).toList();
        for (Attempt attempt : acknowledged) {
            int status = given().contentType(ContentType.JSON).body(Map.of("email", attempt.email(), "password", PASSWORD))
                    .post("/api/auth/login").statusCode();
            assertEquals(200, status, "acknowledged user lost: " + attempt.email());
        }
    }
}
