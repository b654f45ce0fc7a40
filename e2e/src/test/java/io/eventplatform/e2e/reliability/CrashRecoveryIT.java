package io.eventplatform.e2e.reliability;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.awaitility.pollinterval.IterativePollInterval.iterative;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import io.eventplatform.e2e.support.SuiteIT;
import io.restassured.path.json.JsonPath;

/**
 * A ticket drop: 600 clients rush 300 seats the moment an event is published, each retrying with its own
 * Idempotency-Key on a 5xx or a broken connection, while registration-service, event-service and analytics-service
 * are killed with SIGKILL and restarted. Nothing acknowledged is lost, nothing is stored that its client was not told
 * about, every retry gets the first answer, nothing oversells, and the counts downstream are exact again within 20 s
 * of the rush's end.
 */
class CrashRecoveryIT extends SuiteIT {

    private static final int SEATS = 300;
    private static final int CLIENTS = 600;
    private static final Duration CONVERGENCE = Duration.ofSeconds(20);
    private static final Duration CLIENT_PATIENCE = Duration.ofSeconds(60);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** What a client was answered in the end, how many tries it took, and when ({@link System#nanoTime()}). */
    record Outcome(int client, int status, String body, int attempts, long answeredAt) {
        String registrationId() {
            return JsonPath.from(body).getString("registration._id");
        }
    }

    @Test
    void aRushSurvivesSigkillOfEveryServiceItTouches() throws Exception {
        String organizer = registerUser(uniqueEmail("organizer"), "Olga", "crash-recovery").then().statusCode(201).extract().path("access_token");
        String attendee = registerUser(uniqueEmail("attendee"), "Ada", "crash-recovery").then().statusCode(201).extract().path("access_token");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        EventSetup setup = createEvent(organizer, "Ticket Drop", "GA", SEATS);
        String org = setup.organizationId();
        String event = setup.eventId();
        String ticketType = setup.ticketTypeId();
        // registration-service now holds the draft: the rush's first requests find a stale copy, not a missing one.
        as(attendee).body(body(event, ticketType, "early-" + suffix)).post("/api/registrations").then().statusCode(400)
                .body("detail", equalTo("Event is not open for registration"));
        publish(organizer, event);

        AtomicInteger acknowledged = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Outcome>> rush = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            rush.add(pool.submit(() -> client(client, attendee, body(event, ticketType, "rush-" + client + "-" + suffix),
                    "drop-" + suffix + "-" + client, acknowledged)));
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> acknowledged.get() >= 40);
        suite.kill("event-service");
        suite.kill("analytics-service");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> acknowledged.get() >= 80);
        suite.kill("registration-service");
        long killed = System.nanoTime();
        suite.restartTogether("registration-service", "event-service", "analytics-service");
        long restarted = System.nanoTime();

        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> client : rush) {
            outcomes.add(client.get());
        }
        long rushEnded = outcomes.stream().mapToLong(Outcome::answeredAt).max().orElseThrow();

        List<Outcome> registered = outcomes.stream().filter(o -> o.status() == 201).toList();
        for (Outcome outcome : outcomes) {
            assertTrue(outcome.status() == 201 || (outcome.status() == 400 && outcome.body().contains("Ticket type sold out")),
                    "client " + outcome.client() + " ended with " + outcome.status() + " " + outcome.body());
        }
        assertTrue(registered.size() <= SEATS, "oversold: " + registered.size());
        assertTrue(outcomes.stream().anyMatch(o -> o.attempts() > 1), "no client had to retry: the kills missed the rush");

        Set<String> stored = storedRegistrations(organizer, event);
        int count = stored.size();
        await().atMost(CONVERGENCE.plusSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            given().get("/api/ticket-types/" + ticketType).then().statusCode(200).body("ticket_type.sold_count", equalTo(count));
            as(organizer).get("/api/events/" + event).then().statusCode(200).body("event._count.registrations", equalTo(count));
            as(organizer).get("/api/analytics/dashboard?organization_id=" + org + "&event_id=" + event).then().statusCode(200)
                    .body("analytics.total_registrations", equalTo(count));
        });
        Duration converged = Duration.ofNanos(System.nanoTime() - rushEnded);
        System.out.printf("CrashRecoveryIT: %d registered, %d refused, %d clients retried; services down %d ms, the rush ended"
                        + " %+d ms from their being back, counts exact %d ms after the rush%n",
                registered.size(), outcomes.size() - registered.size(), outcomes.stream().filter(o -> o.attempts() > 1).count(),
                (restarted - killed) / 1_000_000, (rushEnded - restarted) / 1_000_000, converged.toMillis());
        assertTrue(converged.compareTo(CONVERGENCE) <= 0, "counts converged only after " + converged.toMillis() + " ms");

        Set<String> answered = new HashSet<>();
        registered.forEach(o -> answered.add(o.registrationId()));
        assertEquals(registered.size(), answered.size(), "two clients were answered with one registration");
        assertEquals(answered, stored, "stored registrations differ from the acknowledged ones");

        List<Future<String>> replays = new ArrayList<>();
        for (Outcome outcome : registered) {
            replays.add(pool.submit(() -> send(attendee, body(event, ticketType, "rush-" + outcome.client() + "-" + suffix),
                    "drop-" + suffix + "-" + outcome.client()).body()));
        }
        for (int i = 0; i < registered.size(); i++) {
            assertEquals(registered.get(i).body(), replays.get(i).get(), "client " + registered.get(i).client() + "'s retry");
        }
        pool.shutdown();
    }

    /**
     * One client: retries with its key on a 5xx or a broken connection until it gets an answer, waiting twice as long
     * after each failure (100 ms up to 1 s), as a real app would.
     */
    private Outcome client(int client, String token, String body, String key, AtomicInteger acknowledged) {
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<String> last = new AtomicReference<>("");
        try {
            return await().atMost(CLIENT_PATIENCE).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(iterative(wait -> wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
                            : wait.multipliedBy(2), Duration.ofMillis(100)))
                    .until(() -> {
                        attempts.incrementAndGet();
                        try {
                            HttpResponse<String> response = send(token, body, key);
                            if (response.statusCode() < 500) {
                                if (response.statusCode() == 201) {
                                    acknowledged.incrementAndGet();
                                }
                                return Optional.of(new Outcome(client, response.statusCode(), response.body(), attempts.get(),
                                        System.nanoTime()));
                            }
                            last.set(response.statusCode() + " " + response.body());
                        } catch (IOException e) {
                            last.set(e.toString());
                        }
                        return Optional.<Outcome>empty();
                    }, Optional::isPresent).get();
        } catch (ConditionTimeoutException e) {
            return new Outcome(client, -1, "gave up after " + attempts.get() + " attempts; last: " + last.get(),
                    attempts.get(), System.nanoTime());
        }
    }

    private HttpResponse<String> send(String token, String body, String key) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/api/registrations"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String body(String event, String ticketType, String name) {
        return "{\"event_id\":\"" + event + "\",\"ticket_type_id\":\"" + ticketType + "\",\"first_name\":\"Rush\","
                + "\"last_name\":\"Client\",\"email\":\"" + name + "@example.com\"}";
    }

    /** The ids of the event's registrations, as registration-service lists them. */
    private static Set<String> storedRegistrations(String organizer, String event) {
        Set<String> ids = new HashSet<>();
        for (int page = 1; ; page++) {
            JsonPath listed = as(organizer).get("/api/registrations?event_id=" + event + "&limit=100&page=" + page)
                    .then().statusCode(200).extract().jsonPath();
            List<String> found = listed.getList("registrations._id");
            ids.addAll(found);
            if (found.size() < 100) {
                return ids;
            }
        }
    }
}
