package io.eventplatform.analytics;

import static io.eventplatform.analytics.AnalyticsFixtures.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;

import io.eventplatform.analytics.domain.RegistrationFacts;
import io.eventplatform.analytics.repository.GenerationRepository;
import io.eventplatform.analytics.repository.ProjectionRepository;
import io.eventplatform.analytics.rest.AnalyticsViews.DashboardView;
import io.eventplatform.analytics.rest.AnalyticsViews.EventAnalytics;
import io.eventplatform.analytics.rest.AnalyticsViews.EventDetail;
import io.eventplatform.analytics.rest.AnalyticsViews.ListCounts;
import io.eventplatform.analytics.rest.AnalyticsViews.Revenue;
import io.eventplatform.common.consumer.DomainEventConsumer;
import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.contracts.RegistrationEvents.ListAdmission;
import io.eventplatform.common.contracts.RegistrationEvents.RegistrationSnapshot;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.kafka.KafkaClients;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The projections against the embedded broker and store: snapshots are sent to the topics as the other services
 * send them, and every number is compared with a brute-force recomputation from the final snapshots.
 */
@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class AnalyticsProjectionTest {

    private static final String[] STATUSES = { "PENDING", "CONFIRMED", "CANCELLED", "WAITLIST", "REJECTED" };
    private static final String[] PAYMENTS = { "PENDING", "COMPLETED", "FAILED", "REFUNDED", "PARTIALLY_REFUNDED" };
    private static final String[] SOURCES = { "web", "mobile", "api", null, "partner.site$1" };
    private static Topics topics;

    @Inject
    KafkaClients kafka;

    @Inject
    DomainEventConsumer consumer;

    @Inject
    ProjectionRepository projections;

    @Inject
    GenerationRepository generations;

    @Inject
    MongoClient mongo;

    @BeforeEach
    void producer() {
        topics = topics(kafka);
    }

    /** An organization's events, ticket types and the full history of each registration. */
    static final class Scenario {
        final Organization organization = Organization.create();
        final List<EventSnapshot> events = new ArrayList<>();
        final Map<String, List<TicketTypeSnapshot>> ticketTypes = new LinkedHashMap<>();
        final Map<String, List<RegistrationSnapshot>> histories = new LinkedHashMap<>();
        final Map<String, String> secondLists = new HashMap<>();
        final Random random;

        Scenario(long seed, int registrations) {
            random = new Random(seed);
            String[] zones = { "Asia/Kathmandu", null, "America/New_York" };
            for (int e = 0; e < 3; e++) {
                EventSnapshot event = event(newId(), organization.id(), e == 2 ? "Summit" : "Event " + e, zones[e],
                        Instant.parse("2030-0" + (e + 1) + "-10T09:00:00Z"), null);
                events.add(event);
                List<TicketTypeSnapshot> types = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    types.add(ticketType(newId(), event.id(), organization.id(), "Ticket " + t, t == 0 ? 9.99 : 19.99,
                            t == 0 ? 1000 : null, t));
                }
                ticketTypes.put(event.id(), types);
            }
            for (int i = 0; i < registrations; i++) {
                histories.put(newId(), history());
            }
        }

        /** Random successive snapshots of one registration: any status, payment and check-in changes. */
        private List<RegistrationSnapshot> history() {
            EventSnapshot event = events.get(random.nextInt(events.size()));
            TicketTypeSnapshot type = ticketTypes.get(event.id()).get(random.nextInt(2));
            String id = newId();
            Instant created = Clocks.now().minus(random.nextInt(40 * 24 * 4) * 15L, ChronoUnit.MINUTES)
                    .minusSeconds(random.nextInt(900));
            double amount = random.nextInt(3) == 0 ? 0 : type.price();
            String source = SOURCES[random.nextInt(SOURCES.length)];
            List<RegistrationSnapshot> history = new ArrayList<>();
            RegistrationSnapshot current = registration(id, event.id(), type.id(), organization.id(), "PENDING", "PENDING",
                    amount, source, created, false, null, null);
            history.add(current);
            int changes = random.nextInt(6);
            for (int c = 0; c < changes; c++) {
                String status = STATUSES[random.nextInt(STATUSES.length)];
                String payment = PAYMENTS[random.nextInt(PAYMENTS.length)];
                boolean checkedIn = random.nextBoolean();
                Instant checkIn = checkedIn ? created.plus(random.nextInt(48 * 60), ChronoUnit.MINUTES) : null;
                Instant paid = "COMPLETED".equals(payment) ? created.plus(random.nextInt(90), ChronoUnit.DAYS) : null;
                current = registration(id, event.id(), type.id(), organization.id(), status, payment, amount, source,
                        created, checkedIn, checkIn, paid, admissions(event, checkedIn));
                history.add(current);
            }
            return history;
        }

        /**
         * On the event's default list (the event's id) as the check-in says: when checked in, entered and maybe gone
         * out again, or not recorded (checked in before lists existed); and on a second list, anything.
         */
        private Map<String, ListAdmission> admissions(EventSnapshot event, boolean checkedIn) {
            Map<String, ListAdmission> admissions = new HashMap<>();
            if (checkedIn && random.nextInt(3) > 0) {
                admissions.put(event.id(), new ListAdmission(random.nextBoolean(), 1 + random.nextInt(2)));
            }
            int entries = random.nextInt(3);
            if (entries > 0) {
                admissions.put(secondLists.computeIfAbsent(event.id(), e -> newId()), new ListAdmission(random.nextBoolean(), entries));
            }
            return admissions;
        }

        List<RegistrationSnapshot> finals() {
            return histories.values().stream().map(h -> h.get(h.size() - 1)).toList();
        }

        /** Every version of every registration, some twice, in a random order. */
        List<Delivery> deliveries() {
            List<Delivery> deliveries = new ArrayList<>();
            histories.values().forEach(history -> {
                for (int v = 0; v < history.size(); v++) {
                    deliveries.add(new Delivery(history.get(v), v + 1));
                    if (random.nextInt(4) == 0) {
                        deliveries.add(new Delivery(history.get(v), v + 1));
                    }
                }
            });
            Collections.shuffle(deliveries, random);
            return deliveries;
        }

        void sendCatalog() {
            events.forEach(event -> topics.event(event, 1));
            ticketTypes.values().forEach(types -> types.forEach(type -> topics.ticketType(type, 1)));
        }
    }

    record Delivery(RegistrationSnapshot snapshot, long version) {
    }

    /** Waits until every endpoint shows exactly the brute-force numbers of the scenario's final snapshots. */
    private static void assertExact(Scenario scenario) {
        Caller organizer = scenario.organization.organizer();
        List<RegistrationSnapshot> finals = scenario.finals();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (EventSnapshot event : scenario.events) {
                EventAnalytics analytics = read(organizer, "/api/analytics/dashboard?organization_id=" + scenario.organization.id()
                        + "&event_id=" + event.id(), DashboardView.class).analytics();
                assertEquals(BruteForce.analytics(event, scenario.ticketTypes.get(event.id()), finals), analytics);
                EventDetail detail = read(organizer, "/api/analytics/event/" + event.id(), EventDetail.class);
                assertEquals(BruteForce.detail(event, finals), detail);
                // The default list's admitted are the checked in, however the check-in was recorded.
                assertEquals(analytics.checkedIn(), detail.checkInLists().getOrDefault(event.id(), new ListCounts(0, 0)).admittedCount());
            }
            assertEquals(BruteForce.overall(scenario.events, finals), read(organizer,
                    "/api/analytics/dashboard?organization_id=" + scenario.organization.id(), DashboardView.class).overallStats());
            assertEquals(BruteForce.revenue(scenario.events, finals),
                    read(organizer, "/api/analytics/revenue/" + scenario.organization.id(), Revenue.class));
        });
    }

    @Test
    void randomStreamsWithDuplicatesAndReorderingsEqualABruteForceRecomputation() {
        for (long seed = 1; seed <= 3; seed++) {
            Scenario scenario = new Scenario(seed, 120);
            List<Delivery> deliveries = scenario.deliveries();
            // Half the registrations arrive before their event and ticket types are known.
            deliveries.subList(0, deliveries.size() / 2).forEach(d -> topics.registration(d.snapshot(), d.version()));
            scenario.sendCatalog();
            deliveries.subList(deliveries.size() / 2, deliveries.size()).forEach(d -> topics.registration(d.snapshot(), d.version()));
            topics.flush();
            assertExact(scenario);
        }
    }

    @Test
    void aConsumerStoppedMidStreamAndRestartedEndsExactlyEqual() {
        Scenario scenario = new Scenario(42, 150);
        scenario.sendCatalog();
        List<Delivery> deliveries = scenario.deliveries();
        try {
            for (int i = 0; i < deliveries.size(); i++) {
                topics.registration(deliveries.get(i).snapshot(), deliveries.get(i).version());
                if (i == deliveries.size() / 3) {
                    topics.flush();
                    consumer.stop();
                }
            }
            topics.flush();
        } finally {
            consumer.start();
        }
        assertExact(scenario);
    }

    @Test
    void aCrashBetweenCountingAndRecordingIsFinishedByTheRedeliveryWithoutCountingTwice() {
        Scenario scenario = new Scenario(7, 0);
        scenario.sendCatalog();
        EventSnapshot event = scenario.events.get(0);
        TicketTypeSnapshot type = scenario.ticketTypes.get(event.id()).get(1);
        String id = newId();
        RegistrationSnapshot paid = registration(id, event.id(), type.id(), scenario.organization.id(), "CONFIRMED",
                "COMPLETED", type.price(), "web", Clocks.now(), false, null, Clocks.now());
        scenario.histories.put(id, List.of(paid));
        // The first delivery got as far as the counters, then the process died: the state was never recorded.
        projections.addToCounters(event.id(), scenario.organization.id(),
                Map.of(id, new ProjectionRepository.CountedRegistration(1, RegistrationFacts.of(paid))),
                RegistrationFacts.delta(null, RegistrationFacts.of(paid)));
        assertFalse(projections.counted(id).isPresent());

        topics.registration(paid, 1);
        topics.flush();
        assertExact(scenario);
        await().atMost(Duration.ofSeconds(30)).until(() -> projections.counted(id).isPresent());
        assertEquals(1, projections.event(event.id()).orElseThrow().get("c", org.bson.Document.class).get("seat_holding", Number.class).intValue());
    }

    @Test
    void aVersionCountedBeforeACrashAndThenCompactedAwayIsNotCountedTwice() {
        Scenario scenario = new Scenario(8, 0);
        scenario.sendCatalog();
        EventSnapshot event = scenario.events.get(1);
        TicketTypeSnapshot type = scenario.ticketTypes.get(event.id()).get(1);
        String org = scenario.organization.id();
        String id = newId();
        Instant created = Clocks.now();
        RegistrationSnapshot pending = registration(id, event.id(), type.id(), org, "PENDING", "PENDING", type.price(), "web",
                created, false, null, null);
        RegistrationSnapshot paid = registration(id, event.id(), type.id(), org, "CONFIRMED", "COMPLETED", type.price(), "web",
                created, false, null, created);
        RegistrationSnapshot checkedIn = registration(id, event.id(), type.id(), org, "CONFIRMED", "COMPLETED", type.price(),
                "web", created, true, created.plusSeconds(60), created);
        scenario.histories.put(id, List.of(pending, paid, checkedIn));
        topics.registration(pending, 1);
        topics.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> projections.counted(id).isPresent());
        // Version 2 was counted, then the process died; compaction later kept only version 3 of the registration.
        projections.addToCounters(event.id(), org, Map.of(id, new ProjectionRepository.CountedRegistration(2, RegistrationFacts.of(paid))),
                RegistrationFacts.delta(RegistrationFacts.of(pending), RegistrationFacts.of(paid)));

        topics.registration(checkedIn, 3);
        topics.flush();
        assertExact(scenario);
    }

    @Test
    void aRebuildReplaysTheTopicsIntoANewGenerationEndingExactlyEqual() {
        Scenario scenario = new Scenario(99, 80);
        scenario.sendCatalog();
        scenario.deliveries().forEach(d -> topics.registration(d.snapshot(), d.version()));
        topics.flush();
        assertExact(scenario);
        long before = generations.current();

        caller().call().post("/api/analytics/rebuild").then().statusCode(403);
        long after = ((Number) caller(PLATFORM_ADMIN).call().post("/api/analytics/rebuild").then().statusCode(202)
                .extract().path("generation")).longValue();

        assertEquals(before + 1, after);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertFalse(mongo.getDatabase("analytics")
                .listCollectionNames().into(new ArrayList<>()).contains("event_stats_g" + before)));
        assertEquals(after, generations.current());
        assertExact(scenario);
        assertTrue(mongo.getDatabase("analytics").listCollectionNames().into(new ArrayList<>()).contains("event_stats_g" + after));
    }

    @Test
    void deletedEventsAndOrganizationsLeaveTheProjectionsAndStayGone() {
        Scenario scenario = new Scenario(5, 30);
        scenario.sendCatalog();
        scenario.deliveries().forEach(d -> topics.registration(d.snapshot(), d.version()));
        topics.flush();
        assertExact(scenario);

        EventSnapshot deleted = scenario.events.remove(0);
        topics.event(event(deleted.id(), deleted.organizationId(), deleted.name(), deleted.timezone(), deleted.startDate(),
                Clocks.now()), 2);
        // A late, older update does not bring it back.
        topics.event(deleted, 1);
        topics.flush();
        assertExact(scenario);
        scenario.organization.organizer().call().get("/api/analytics/event/" + deleted.id()).then().statusCode(404);

        topics.send(AggregateType.ORGANIZATION, scenario.organization.id(), 3, scenario.organization.id(),
                deletedOrganization(scenario.organization.id()));
        topics.flush();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(0L,
                read(scenario.organization.superAdmin(), "/api/analytics/dashboard?organization_id=" + scenario.organization.id(),
                        DashboardView.class).overallStats().totalEvents()));
    }
}
