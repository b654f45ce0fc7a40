package io.eventplatform.registration;

import static io.eventplatform.registration.RegistrationFixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;

import io.eventplatform.common.testing.Parallel;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.devstack.DevStackTestResource;
import io.eventplatform.registration.repository.CatalogRepository;
import io.eventplatform.registration.repository.SeatedEventRepository;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class RegistrationResourceTest {

    @Inject
    MongoClient mongo;

    @Inject
    CatalogRepository replica;

    @Inject
    SeatedEventRepository seatedEventRepository;

    private long seatHolders(String eventId) {
        return mongo.getDatabase("registration").getCollection("registrations").countDocuments(
                new Document("event_id", eventId).append("status", new Document("$in", List.of("PENDING", "CONFIRMED"))));
    }

    private long stored(String eventId) {
        return mongo.getDatabase("registration").getCollection("registrations").countDocuments(new Document("event_id", eventId));
    }

    @Test
    void aPaidRegistrationIsPendingAndAFreeOneConfirmed() {
        EventBuilder builder = new EventBuilder();
        String paid = builder.ticketType(299.99, 100, true, 199.99, Instant.parse("2099-01-01T00:00:00Z"));
        String free = builder.ticketType(0, null);
        Built event = builder.build();
        Caller attendee = caller();
        String email = uniqueEmail();
        attendee.call().body(registration(event.eventId(), paid, email.toUpperCase())).post("/api/registrations").then().statusCode(201)
                .body("registration._id", matchesPattern("[0-9a-f]{24}"))
                .body("registration.event_id", equalTo(event.eventId()))
                .body("registration.status", equalTo("PENDING"))
                .body("registration.payment_status", equalTo("PENDING"))
                .body("registration.payment_amount", equalTo(199.99f))
                .body("registration.qr_code", matchesPattern("[A-Za-z0-9]{22}"))
                .body("registration.checked_in", equalTo(false))
                .body("registration.email", equalTo(email))
                .body("registration.user_id", equalTo(attendee.id()))
                .body("registration.custom_fields.t_shirt_size", equalTo("M"))
                .body("registration.created_at", endsWith("Z"));
        attendee.call().body(registration(event.eventId(), free, uniqueEmail())).post("/api/registrations").then().statusCode(201)
                .body("registration.status", equalTo("CONFIRMED"))
                .body("registration.payment_status", equalTo("COMPLETED"))
                .body("registration.payment_amount", equalTo(0f))
                .body("registration.payment_date", endsWith("Z"));
    }

    @Test
    void theRulesOfRegisteringAreEnforcedAndNothingIsWritten() {
        EventBuilder draftBuilder = new EventBuilder().status("DRAFT");
        String draftTicket = draftBuilder.ticketType(10, null);
        Built draft = draftBuilder.build();
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(10, null);
        String inactive = builder.ticketType(10, null, false, null, null);
        Built event = builder.build();
        EventBuilder closedBuilder = new EventBuilder().registrationWindow(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-02-01T00:00:00Z"));
        String closedTicket = closedBuilder.ticketType(10, null);
        Built closed = closedBuilder.build();
        Caller attendee = caller();

        attendee.call().body(registration(draft.eventId(), draftTicket, uniqueEmail())).post("/api/registrations").then().statusCode(400)
                .body("detail", equalTo("Event is not open for registration"));
        attendee.call().body(registration(event.eventId(), draftTicket, uniqueEmail())).post("/api/registrations").then().statusCode(400)
                .body("detail", equalTo("Ticket type does not belong to this event"));
        attendee.call().body(registration(event.eventId(), inactive, uniqueEmail())).post("/api/registrations").then().statusCode(400)
                .body("detail", equalTo("Ticket type is not available"));
        attendee.call().body(registration(closed.eventId(), closedTicket, uniqueEmail())).post("/api/registrations").then().statusCode(400)
                .body("detail", equalTo("Registration is closed"));
        attendee.call().body(registration(new ObjectId().toHexString(), ticket, uniqueEmail())).post("/api/registrations").then().statusCode(404);
        attendee.call().body(registration("abc", ticket, uniqueEmail())).post("/api/registrations").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "event_id")));
        attendee.call().body(registration(event.eventId(), ticket, "not-an-email")).post("/api/registrations").then().statusCode(422);
        Map<String, Object> huge = registration(event.eventId(), ticket, uniqueEmail());
        huge.put("custom_fields", Map.of("essay", "x".repeat(20_000)));
        attendee.call().body(huge).post("/api/registrations").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "custom_fields")));
        Map<String, Object> deep = registration(event.eventId(), ticket, uniqueEmail());
        deep.put("custom_fields", Map.of("a", Map.of("b", Map.of("c", Map.of("d", Map.of("e", 1))))));
        attendee.call().body(deep).post("/api/registrations").then().statusCode(422);
        Map<String, Object> dollar = registration(event.eventId(), ticket, uniqueEmail());
        dollar.put("custom_fields", Map.of("$where", "1"));
        attendee.call().body(dollar).post("/api/registrations").then().statusCode(422);
        given().body(registration(event.eventId(), ticket, uniqueEmail())).contentType("application/json").post("/api/registrations").then().statusCode(401);
        assertEquals(0, stored(draft.eventId()) + stored(event.eventId()) + stored(closed.eventId()));

        String email = uniqueEmail();
        attendee.call().body(registration(event.eventId(), ticket, email)).post("/api/registrations").then().statusCode(201);
        caller().call().body(registration(event.eventId(), ticket, email.toUpperCase())).post("/api/registrations").then().statusCode(400)
                .body("detail", equalTo("Email already registered for this event"));
        assertEquals(1, stored(event.eventId()));
    }

    @Test
    void fourHundredParallelRegistrationsOnCapacityHundredMakeExactlyHundred() throws Exception {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, 100);
        Built event = builder.build();
        Caller attendee = caller();
        List<Integer> statuses = Parallel.run(400, i -> attendee.call().body(registration(event.eventId(), ticket, uniqueEmail()))
                .post("/api/registrations").statusCode());
        assertEquals(100, statuses.stream().filter(s -> s == 201).count());
        assertEquals(300, statuses.stream().filter(s -> s == 400).count());
        assertEquals(100, seatHolders(event.eventId()));
        attendee.call().body(registration(event.eventId(), ticket, uniqueEmail())).post("/api/registrations").then().statusCode(400)
                .body("detail", equalTo("Ticket type sold out"));
    }

    @Test
    void theEventsMaximumHoldsAcrossTicketTypes() throws Exception {
        EventBuilder builder = new EventBuilder().maxAttendees(5);
        String a = builder.ticketType(0, null);
        String b = builder.ticketType(0, null);
        Built event = builder.build();
        Caller attendee = caller();
        List<Integer> statuses = Parallel.run(20, i -> attendee.call().body(registration(event.eventId(), i % 2 == 0 ? a : b, uniqueEmail()))
                .post("/api/registrations").statusCode());
        assertEquals(5, statuses.stream().filter(s -> s == 201).count());
        attendee.call().body(registration(event.eventId(), a, uniqueEmail())).post("/api/registrations").then().statusCode(400)
                .body("detail", equalTo("Event is full"));
    }

    @Test
    void fiftyParallelScansOfOneCodeCheckItInExactlyOnce() throws Exception {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        String qr = registerSomeone(event, ticket).statusCode(201).extract().path("registration.qr_code");
        List<Boolean> already = Parallel.run(50, i -> event.staff().call().queryParam("qr_code", qr)
                .post("/api/registrations/qr-check-in").then().statusCode(200).extract().<Boolean>path("already_checked_in"));
        assertEquals(1, already.stream().filter(b -> !b).count());
        event.staff().call().queryParam("qr_code", qr).post("/api/registrations/qr-check-in").then().statusCode(200)
                .body("already_checked_in", equalTo(true))
                .body("message", equalTo("Already checked in"))
                .body("registration.checked_in", equalTo(true))
                .body("registration.check_in_time", endsWith("Z"));
    }

    @Test
    void checkInByIdIsAtomicAndExplainsRefusals() throws Exception {
        EventBuilder builder = new EventBuilder();
        String free = builder.ticketType(0, null);
        String paid = builder.ticketType(50, null);
        Built event = builder.build();
        Caller attendee = caller();
        String id = attendee.call().body(registration(event.eventId(), free, uniqueEmail())).post("/api/registrations")
                .then().extract().path("registration._id");
        List<Integer> statuses = Parallel.run(20, i -> event.staff().call().post("/api/registrations/" + id + "/check-in").statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        event.staff().call().post("/api/registrations/" + id + "/check-in").then().statusCode(400).body("detail", equalTo("Already checked in"));

        String unpaid = attendee.call().body(registration(event.eventId(), paid, uniqueEmail())).post("/api/registrations")
                .then().extract().path("registration.qr_code");
        event.staff().call().queryParam("qr_code", unpaid).post("/api/registrations/qr-check-in").then().statusCode(400)
                .body("reason", equalTo("unpaid"));
        String cancelledId = attendee.call().body(registration(event.eventId(), free, uniqueEmail())).post("/api/registrations")
                .then().extract().path("registration._id");
        attendee.call().delete("/api/registrations/" + cancelledId).then().statusCode(204);
        event.staff().call().post("/api/registrations/" + cancelledId + "/check-in").then().statusCode(400).body("reason", equalTo("canceled"));
        event.staff().call().queryParam("qr_code", "NoSuchCode").post("/api/registrations/qr-check-in").then().statusCode(404)
                .body("detail", equalTo("Invalid QR code")).body("reason", equalTo("unknown_code"));
        event.attendee().call().post("/api/registrations/" + id + "/check-in").then().statusCode(403);
        caller().call().post("/api/registrations/" + id + "/check-in").then().statusCode(404);

        event.staff().call().delete("/api/registrations/" + id + "/check-in").then().statusCode(200)
                .body("registration.checked_in", equalTo(false)).body("registration.check_in_time", nullValue());
        event.staff().call().post("/api/registrations/" + id + "/check-in").then().statusCode(200);
    }

    @Test
    void cancellingTwiceFreesOneSeat() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, 2);
        Built event = builder.build();
        Caller owner = caller();
        String id = owner.call().body(registration(event.eventId(), ticket, uniqueEmail())).post("/api/registrations")
                .then().statusCode(201).extract().path("registration._id");
        owner.call().body(registration(event.eventId(), ticket, uniqueEmail())).post("/api/registrations").then().statusCode(201);
        caller().call().delete("/api/registrations/" + id).then().statusCode(404);
        event.staff().call().delete("/api/registrations/" + id).then().statusCode(403)
                .body("detail", equalTo("Cannot cancel someone else's registration"));
        owner.call().delete("/api/registrations/" + id).then().statusCode(204);
        owner.call().delete("/api/registrations/" + id).then().statusCode(204);
        owner.call().get("/api/registrations/" + id).then().body("registration.status", equalTo("CANCELLED"));
        assertEquals(1, seatHolders(event.eventId()));
        owner.call().body(registration(event.eventId(), ticket, uniqueEmail())).post("/api/registrations").then().statusCode(201);
        owner.call().body(registration(event.eventId(), ticket, uniqueEmail())).post("/api/registrations").then().statusCode(400);
    }

    @Test
    void aSoldOutEventWithAWaitlistWaitlistsAndAFreedSeatCanBeGivenOnce() {
        EventBuilder builder = new EventBuilder().waitlist();
        String ticket = builder.ticketType(0, 1);
        Built event = builder.build();
        Caller first = caller();
        String seated = first.call().body(registration(event.eventId(), ticket, uniqueEmail())).post("/api/registrations")
                .then().statusCode(201).body("registration.status", equalTo("CONFIRMED")).extract().path("registration._id");
        String waiting = registerSomeone(event, ticket).statusCode(201).body("registration.status", equalTo("WAITLIST")).extract().path("registration._id");
        String alsoWaiting = registerSomeone(event, ticket).statusCode(201).body("registration.status", equalTo("WAITLIST")).extract().path("registration._id");
        event.organizer().call().body(Map.of("status", "CONFIRMED")).patch("/api/registrations/" + waiting).then().statusCode(400)
                .body("detail", equalTo("Ticket type sold out"));
        first.call().delete("/api/registrations/" + seated).then().statusCode(204);
        event.organizer().call().body(Map.of("status", "CONFIRMED")).patch("/api/registrations/" + waiting).then().statusCode(200)
                .body("registration.status", equalTo("CONFIRMED"));
        event.organizer().call().body(Map.of("status", "CONFIRMED")).patch("/api/registrations/" + alsoWaiting).then().statusCode(400);
        assertEquals(1, seatHolders(event.eventId()));
    }

    @Test
    void theSameIdempotencyKeyReturnsTheFirstResponseAndCreatesNothingNew() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        Caller attendee = caller();
        Map<String, Object> body = registration(event.eventId(), ticket, uniqueEmail());
        String first = attendee.call().header("Idempotency-Key", "checkout-42").body(body).post("/api/registrations")
                .then().statusCode(201).extract().asString();
        String second = attendee.call().header("Idempotency-Key", "checkout-42").body(body).post("/api/registrations")
                .then().statusCode(201).extract().asString();
        assertEquals(first, second);
        assertEquals(1, stored(event.eventId()));
        caller().call().header("Idempotency-Key", "checkout-42").body(registration(event.eventId(), ticket, uniqueEmail()))
                .post("/api/registrations").then().statusCode(201);
        assertEquals(2, stored(event.eventId()));
    }

    /** A registration stored by another replica (or an earlier version): straight into the store. */
    private String storedElsewhere(Built event, String ticket, String typeSeat) {
        ObjectId id = new ObjectId();
        Document registration = new Document("_id", id)
                .append("event_id", event.eventId()).append("ticket_type_id", ticket)
                .append("organization_id", event.organizationId()).append("user_id", caller().id())
                .append("first_name", "Jane").append("last_name", "Smith").append("email", uniqueEmail())
                .append("status", "CONFIRMED").append("payment_status", "COMPLETED").append("payment_amount", 0.0)
                .append("qr_code", "QR" + id).append("checked_in", false).append("source", "web")
                .append("created_at", java.util.Date.from(Clocks.now())).append("updated_at", java.util.Date.from(Clocks.now()))
                .append("version", 1L).append("outbox", List.of());
        if (typeSeat != null) {
            registration.append("type_seat", typeSeat).append("event_seat", "-/" + id.toHexString());
        }
        // As SeatSlots does before any registration of the event takes a seat.
        seatedEventRepository.markSeated(event.eventId());
        mongo.getDatabase("registration").getCollection("registrations").insertOne(registration);
        return id.toHexString();
    }

    @Test
    void aSeatNumberAnotherReplicaTookIsNeverGivenTwice() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, 2);
        Built event = builder.build();
        String first = registerSomeone(event, ticket).statusCode(201).extract().path("registration._id");
        String firstSeat = mongo.getDatabase("registration").getCollection("registrations")
                .find(new Document("_id", new ObjectId(first))).first().getString("type_seat");
        String otherSeat = firstSeat.equals(ticket + "/0") ? ticket + "/1" : ticket + "/0";
        // This process still believes that number free.
        storedElsewhere(event, ticket, otherSeat);

        registerSomeone(event, ticket).statusCode(400).body("detail", equalTo("Ticket type sold out"));
        assertEquals(2, seatHolders(event.eventId()));
        event.organizer().call().body(Map.of("status", "CANCELLED")).patch("/api/registrations/" + first).then().statusCode(200);
        registerSomeone(event, ticket).statusCode(201);
        registerSomeone(event, ticket).statusCode(400);
        assertEquals(2, seatHolders(event.eventId()));
    }

    @Test
    void aRegistrationComingBackMeetsASeatNumberAnotherReplicaTookAndIsRefusedNotFailed() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, 2);
        Built event = builder.build();
        registerSomeone(event, ticket).statusCode(201);
        String back = registerSomeone(event, ticket).statusCode(201).extract().path("registration._id");
        String itsSeat = mongo.getDatabase("registration").getCollection("registrations")
                .find(new Document("_id", new ObjectId(back))).first().getString("type_seat");
        event.organizer().call().body(Map.of("status", "CANCELLED")).patch("/api/registrations/" + back).then().statusCode(200);
        // Another replica's newcomer took the number this process just saw given back.
        storedElsewhere(event, ticket, itsSeat);

        event.organizer().call().body(Map.of("status", "CONFIRMED")).patch("/api/registrations/" + back).then().statusCode(400)
                .body("detail", equalTo("Ticket type sold out"));
        assertEquals(2, seatHolders(event.eventId()));
    }

    @Test
    void aSeatHeldWithoutANumberStillCounts() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, 2);
        Built event = builder.build();
        // Stored before seats had numbers: it holds a seat by its status alone.
        String legacy = storedElsewhere(event, ticket, null);
        registerSomeone(event, ticket).statusCode(201);
        registerSomeone(event, ticket).statusCode(400).body("detail", equalTo("Ticket type sold out"));
        event.organizer().call().body(Map.of("status", "CANCELLED")).patch("/api/registrations/" + legacy).then().statusCode(200);
        registerSomeone(event, ticket).statusCode(201);
        assertEquals(2, seatHolders(event.eventId()));
    }

    @Test
    void aCapacityLoweredBelowTheSeatsHeldSellsNothingUntilTheyFitAgain() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, 4);
        Built event = builder.build();
        List<String> seated = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seated.add(registerSomeone(event, ticket).statusCode(201).extract().path("registration._id"));
        }
        var type = ServicesStandIn.CATALOGS.get(event.eventId()).ticketTypes().get(0).ticketType();
        replica.applyTicketType(new io.eventplatform.common.contracts.EventEvents.TicketTypeSnapshot(type.id(), type.eventId(),
                type.organizationId(), type.name(), type.description(), type.price(), 2, type.isEarlyBird(), type.earlyBirdPrice(),
                type.earlyBirdEnds(), type.validFrom(), type.validUntil(), true, type.sortOrder(), type.createdAt(), Clocks.now(),
                null), 2);

        for (int cancelled = 0; cancelled < 2; cancelled++) {
            registerSomeone(event, ticket).statusCode(400).body("detail", equalTo("Ticket type sold out"));
            event.organizer().call().body(Map.of("status", "CANCELLED")).patch("/api/registrations/" + seated.get(cancelled * 2))
                    .then().statusCode(200);
        }
        registerSomeone(event, ticket).statusCode(400).body("detail", equalTo("Ticket type sold out"));
        event.organizer().call().body(Map.of("status", "CANCELLED")).patch("/api/registrations/" + seated.get(1)).then().statusCode(200);
        registerSomeone(event, ticket).statusCode(201);
        registerSomeone(event, ticket).statusCode(400);
        assertEquals(2, seatHolders(event.eventId()));
    }

    @Test
    void aPoolAsksTheStoreWhichSeatsAreHeldOnlyWhenASeatOfItsEventWasGivenBack() throws Exception {
        EventBuilder builder = new EventBuilder().maxAttendees(10);
        String ticket = builder.ticketType(0, 2);
        Built event = builder.build();
        FaultyRegistrationRepository.SEAT_QUERY_GATES.put(ticket, new CountDownLatch(0));
        FaultyRegistrationRepository.SEAT_QUERY_GATES.put(event.eventId(), new CountDownLatch(0));
        try {
            String first = registerSomeone(event, ticket).statusCode(201).extract().path("registration._id");
            registerSomeone(event, ticket).statusCode(201);
            // A new on-sale: both pools started empty without asking.
            assertEquals(0, seatQueries(ticket));
            assertEquals(0, seatQueries(event.eventId()));
            assertEquals(1L, mongo.getDatabase("registration").getCollection("seated_events")
                    .countDocuments(new Document("_id", event.eventId())));
            // Sold out, and nothing given back: refused without asking, however long it stays so.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(20)).until(() ->
                    registerSomeone(event, ticket).extract().statusCode() == 400 && seatQueries(ticket) == 0);

            giveBackElsewhere(first, event.eventId());
            await().atMost(Duration.ofSeconds(20)).until(() -> registerSomeone(event, ticket).extract().statusCode() == 201);
            assertEquals(1, seatQueries(ticket));
            assertEquals(0, seatQueries(event.eventId()));
            assertEquals(2, seatHolders(event.eventId()));
        } finally {
            FaultyRegistrationRepository.SEAT_QUERY_GATES.remove(ticket);
            FaultyRegistrationRepository.SEAT_QUERY_GATES.remove(event.eventId());
        }
    }

    /** Another replica cancels a registration: its seat is given back, and counted, as SeatSlots.released does. */
    private void giveBackElsewhere(String registrationId, String eventId) {
        mongo.getDatabase("registration").getCollection("registrations").updateOne(new Document("_id", new ObjectId(registrationId)),
                new Document("$set", new Document("status", "CANCELLED").append("type_seat", "-/" + registrationId)
                        .append("event_seat", "-/" + registrationId)).append("$inc", new Document("version", 1L)));
        seatedEventRepository.countGivenBack(eventId);
    }

    @Test
    void seatsHeldByRegistrationsStoredBeforeEventsWereMarkedStillCount() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, 1);
        Built event = builder.build();
        // A seat without a number: only the held-seats query finds it (no unique index refuses a newcomer).
        storedElsewhere(event, ticket, null);
        var seatedEvents = mongo.getDatabase("registration").getCollection("seated_events");
        // As an earlier version left it: the registration, and no mark for its event.
        seatedEvents.deleteOne(new Document("_id", event.eventId()));
        seatedEvents.deleteOne(new Document("_id", "earlier-registrations-counted"));

        seatedEventRepository.countEarlierRegistrations(null);

        assertEquals(1L, seatedEvents.countDocuments(new Document("_id", event.eventId())));
        assertEquals(1L, seatedEvents.countDocuments(new Document("_id", "earlier-registrations-counted")));
        registerSomeone(event, ticket).statusCode(400).body("detail", equalTo("Ticket type sold out"));
        assertEquals(1, seatHolders(event.eventId()));
    }

    @Test
    void aSlowReloadOfASoldOutTicketTypeHoldsUpNoOtherRequestAndRunsOneAtATime() throws Exception {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, 2);
        Built event = builder.build();
        String first = registerSomeone(event, ticket).statusCode(201).extract().path("registration._id");
        String second = registerSomeone(event, ticket).statusCode(201).extract().path("registration._id");
        CountDownLatch gate = new CountDownLatch(1);
        FaultyRegistrationRepository.SEAT_QUERY_GATES.put(ticket, gate);
        FaultyRegistrationRepository.seatQueryTakes = Duration.ofSeconds(1);
        ExecutorService clients = Executors.newCachedThreadPool();
        try {
            giveBackElsewhere(first, event.eventId());
            // The first request to find the pool's reload due asks the (stalled) store; ask until one has.
            List<Future<Integer>> asked = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                asked.add(clients.submit(() -> registerSomeone(event, ticket).extract().statusCode()));
                return seatQueries(ticket) == 1;
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> asked.stream().filter(f -> !f.isDone()).count() == 1);
            Future<Integer> reloading = asked.stream().filter(f -> !f.isDone()).findFirst().orElseThrow();
            assertTrue(asked.stream().filter(Future::isDone).allMatch(f -> get(f) == 400));

            // Meanwhile every other request is refused at once, and no second query starts.
            List<Integer> statuses = Parallel.run(20, i -> registerSomeone(event, ticket).extract().statusCode());
            assertEquals(Collections.nCopies(20, 400), statuses);
            assertEquals(1, seatQueries(ticket));
            assertFalse(reloading.isDone());

            // Once the store answers, the stalled reload finds the seat given back.
            gate.countDown();
            assertEquals(201, reloading.get(20, TimeUnit.SECONDS));
            assertEquals(2, seatHolders(event.eventId()));

            // That query took at least a second: even with another seat given back, the pool asks again only after ten
            // times that (three seconds of it checked).
            giveBackElsewhere(second, event.eventId());
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).until(() ->
                    registerSomeone(event, ticket).extract().statusCode() == 400 && seatQueries(ticket) == 1);
        } finally {
            gate.countDown();
            FaultyRegistrationRepository.SEAT_QUERY_GATES.remove(ticket);
            FaultyRegistrationRepository.seatQueryTakes = Duration.ZERO;
            clients.shutdownNow();
        }
    }

    private static int seatQueries(String scopeId) {
        AtomicInteger queries = FaultyRegistrationRepository.SEAT_QUERIES.get(scopeId);
        return queries == null ? 0 : queries.get();
    }

    private static int get(Future<Integer> done) {
        try {
            return done.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readingRegistrations() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        Caller owner = caller();
        String id = owner.call().body(registration(event.eventId(), ticket, uniqueEmail())).post("/api/registrations")
                .then().extract().path("registration._id");
        owner.call().get("/api/registrations/" + id).then().statusCode(200).body("registration._id", equalTo(id));
        event.staff().call().get("/api/registrations/" + id).then().statusCode(200);
        caller().call().get("/api/registrations/" + id).then().statusCode(404).body("detail", equalTo("Registration not found"));
        event.attendee().call().get("/api/registrations/" + id).then().statusCode(403);
        owner.call().get("/api/registrations/abc").then().statusCode(404);
        owner.call().get("/api/registrations").then().statusCode(200).body("registrations._id", contains(id));
        event.staff().call().get("/api/registrations?event_id=" + event.eventId() + "&search=JANE").then().statusCode(200)
                .body("registrations", hasSize(1)).body("total", equalTo(1));
        event.staff().call().get("/api/registrations?event_id=" + event.eventId() + "&search=(").then().statusCode(200)
                .body("registrations", empty());
        event.staff().call().get("/api/registrations?event_id=" + event.eventId() + "&checked_in=true").then().body("registrations", empty());
        event.attendee().call().get("/api/registrations?event_id=" + event.eventId()).then().statusCode(403);
        owner.call().get("/api/registrations?event_id=" + event.eventId()).then().statusCode(404)
                .body("detail", equalTo("Event not found"));
    }

    @Test
    void pagesOfAnEventNewestFirstWithTheirTotal() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(0, registerSomeone(event, ticket).statusCode(201).extract().path("registration._id"));
        }
        String list = "/api/registrations?event_id=" + event.eventId();
        // Full pages need the count; a short or empty page tells the total without one.
        event.organizer().call().get(list + "&page=1&limit=2").then().statusCode(200)
                .body("registrations._id", contains(ids.get(0), ids.get(1))).body("total", equalTo(5)).body("page", equalTo(1));
        event.organizer().call().get(list + "&page=3&limit=2").then()
                .body("registrations._id", contains(ids.get(4))).body("total", equalTo(5));
        event.organizer().call().get(list + "&page=4&limit=2").then().body("registrations", empty()).body("total", equalTo(5));
        event.organizer().call().get(list + "&page=1&limit=5").then().body("registrations", hasSize(5)).body("total", equalTo(5));
        event.organizer().call().get(list + "&page=1&limit=100").then().body("registrations._id", equalTo(ids)).body("total", equalTo(5));
        event.organizer().call().get(list + "&page=2&limit=5").then().body("registrations", empty()).body("total", equalTo(5));
    }
}
