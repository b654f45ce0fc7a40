package io.eventplatform.analytics;

import static io.eventplatform.analytics.AnalyticsFixtures.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.eventplatform.analytics.rest.AnalyticsViews.DashboardView;
import io.eventplatform.analytics.rest.AnalyticsViews.EventAnalytics;
import io.eventplatform.analytics.rest.AnalyticsViews.EventDetail;
import io.eventplatform.analytics.rest.AnalyticsViews.Revenue;
import io.eventplatform.common.consumer.DomainEventConsumer;
import io.eventplatform.common.contracts.EventEvents.EventSnapshot;
import io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot;
import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.PoisonMessageException;
import io.eventplatform.common.kafka.KafkaClients;
import io.eventplatform.common.testing.TopicProbe;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Values that once stalled the projections for every tenant: sources that are not field names, amounts that overflow. */
@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class PoisonAndExtremeValuesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Topics topics;

    @Inject
    KafkaClients kafka;

    @BeforeEach
    void producer() {
        topics = topics(kafka);
    }

    private record Published(Organization organization, EventSnapshot event, TicketTypeSnapshot ticketType) {
    }

    private static Published publish(Organization organization, String name, double price) {
        EventSnapshot event = event(newId(), organization.id(), name, null, Instant.parse("2030-05-01T09:00:00Z"), null);
        TicketTypeSnapshot ticketType = ticketType(newId(), event.id(), organization.id(), "Standard", price, null, 0);
        topics.event(event, 1);
        topics.ticketType(ticketType, 1);
        return new Published(organization, event, ticketType);
    }

    private static void register(Published p, double amount, String source) {
        topics.registration(registration(newId(), p.event().id(), p.ticketType().id(), p.organization().id(), "CONFIRMED",
                "COMPLETED", amount, source, Clocks.now(), false, null, Instant.parse("2026-11-20T10:00:00Z")), 1);
    }

    private static EventAnalytics analytics(Published p) {
        return read(p.organization().organizer(), "/api/analytics/dashboard?organization_id=" + p.organization().id()
                + "&event_id=" + p.event().id(), DashboardView.class).analytics();
    }

    @Test
    void anySourceIsCountedAndShownUnderItsOwnNameEvenOneThatIsNoFieldName() {
        Published p = publish(Organization.create(), "Sources", 10);
        List<String> sources = List.of("news\u0000letter", "partner.site$1", "$where", "50%.off", "%", "%2E", "a.b.c", "web");
        sources.forEach(source -> register(p, 10, source));
        register(p, 10, "web");
        topics.flush();

        Map<String, Long> expected = new LinkedHashMap<>();
        sources.forEach(source -> expected.put(source, 1L));
        expected.put("web", 2L);
        await().atMost(WAIT).untilAsserted(() -> assertEquals(expected, read(p.organization().organizer(),
                "/api/analytics/event/" + p.event().id(), EventDetail.class).sourceBreakdown()));
        assertEquals(9, analytics(p).totalRegistrations());
    }

    @Test
    void anAmountNoPriceCanBeIsDeadLetteredAndEveryOtherEventIsCountedAlsoAfterARebuild() {
        Organization organization = Organization.create();
        Published overflowing = publish(organization, "Overflowing", 1e13);
        Published other = publish(organization, "Other", 25);
        try (TopicProbe deadLetters = new TopicProbe(AggregateType.REGISTRATION.deadLetterTopic())) {
            String poison = newId();
            topics.registration(registration(poison, overflowing.event().id(), overflowing.ticketType().id(), organization.id(),
                    "CONFIRMED", "COMPLETED", 1e13, "web", Clocks.now(), false, null, Clocks.now()), 1);
            for (int i = 0; i < 30; i++) {
                register(other, 25, "web");
            }
            topics.flush();

            await().atMost(WAIT).untilAsserted(() -> assertEquals(30, analytics(other).totalRegistrations()));
            assertAmount(750.0, analytics(other).totalRevenue());
            assertEquals(0, analytics(overflowing).totalRegistrations());
            ConsumerRecord<String, String> dead = await().atMost(WAIT).until(() -> deadLettered(deadLetters, poison),
                    found -> found.size() == 1).get(0);
            assertEquals(PoisonMessageException.class.getName(), header(dead, DomainEventConsumer.DLT_EXCEPTION));
            assertEquals("Amount 1.0E13 is beyond what analytics counts (1000000000000)", header(dead, DomainEventConsumer.DLT_REASON));

            // The rebuild replays the topics from the beginning: it meets the poison message again, dead-letters it
            // again, and goes on.
            caller(PLATFORM_ADMIN).call().post("/api/analytics/rebuild").then().statusCode(202);
            await().atMost(WAIT).until(() -> deadLettered(deadLetters, poison).size() == 2);
            await().atMost(WAIT).untilAsserted(() -> assertEquals(30, analytics(other).totalRegistrations()));
            assertAmount(750.0, analytics(other).totalRevenue());
        }
    }

    @Test
    void sumsOfAmountsBeyondWhatALongHoldsAreExact() {
        Published p = publish(Organization.create(), "Expensive", 1e12);
        for (int i = 0; i < 10; i++) {
            register(p, 1e12, "web");
        }
        topics.flush();

        await().atMost(WAIT).untilAsserted(() -> assertEquals(10, analytics(p).totalRegistrations()));
        assertAmount(1e13, analytics(p).totalRevenue());
        assertAmount(1e13, analytics(p).ticketTypeStats().get(0).revenue());
        Revenue revenue = read(p.organization().organizer(), "/api/analytics/revenue/" + p.organization().id(), Revenue.class);
        assertAmount(1e13, revenue.totalRevenue());
        assertEquals(Map.of("2026-11", 1e13), revenue.revenueByMonth());
        assertAmount(1e13, read(p.organization().organizer(), "/api/analytics/dashboard?organization_id="
                + p.organization().id(), DashboardView.class).overallStats().totalRevenue());
    }

    private static void assertAmount(double expected, Object shown) {
        assertEquals(expected, ((Number) shown).doubleValue());
    }

    private static List<ConsumerRecord<String, String>> deadLettered(TopicProbe deadLetters, String key) {
        return deadLetters.records().stream().filter(r -> key.equals(r.key())
                && "analytics-service".equals(header(r, DomainEventConsumer.DLT_GROUP))).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
