package io.eventplatform.registration;

import static io.eventplatform.registration.RegistrationFixtures.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.eventplatform.common.testing.Parallel;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class CheckInListTest {

    @Inject
    MongoClient mongo;

    private static Map<String, Object> list(String eventId, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("event_id", eventId);
        body.put("name", name);
        return body;
    }

    private static String create(Built event, Map<String, Object> body) {
        return event.organizer().call().body(body).post("/api/check-in-lists").then().statusCode(201)
                .extract().path("check_in_list._id");
    }

    private static ValidatableResponse scan(Built event, String listId, String qrCode, String direction) {
        return event.staff().call().body(Map.of("qr_code", qrCode, "direction", direction, "device", "door-b"))
                .post("/api/check-in-lists/" + listId + "/scans").then().statusCode(200);
    }

    private static String qrOf(Built event, String ticketTypeId) {
        return registerSomeone(event, ticketTypeId).statusCode(201).extract().path("registration.qr_code");
    }

    @Test
    void theDefaultListIsTheDocumentedCheckIn() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        event.staff().call().get("/api/check-in-lists?event_id=" + event.eventId()).then().statusCode(200)
                .body("check_in_lists._id", contains(event.eventId()))
                .body("check_in_lists[0].name", equalTo("Main entrance"))
                .body("check_in_lists[0].is_default", equalTo(true))
                .body("check_in_lists[0].allow_multiple_entries", equalTo(false))
                .body("check_in_lists[0].allow_entry_after_exit", equalTo(true));
        String qr = qrOf(event, ticket);

        event.staff().call().queryParam("qr_code", qr).post("/api/registrations/qr-check-in").then().statusCode(200)
                .body("already_checked_in", equalTo(false));
        scan(event, event.eventId(), qr, "entry").body("scan.result", equalTo("refused"))
                .body("scan.reason", equalTo("already_redeemed")).body("scan.detail", equalTo("Already checked in"))
                .body("scan.admission.inside", equalTo(true)).body("scan.admission.entries", equalTo(1));
        scan(event, event.eventId(), qr, "exit").body("scan.result", equalTo("exited"))
                .body("scan.admission.inside", equalTo(false)).body("scan.admission.last_device", equalTo("door-b"))
                .body("scan.registration.checked_in", equalTo(true));
        scan(event, event.eventId(), qr, "exit").body("scan.result", equalTo("refused")).body("scan.reason", equalTo("not_inside"));
        // Back in after going out is a scan; the documented check-in happened once.
        event.staff().call().queryParam("qr_code", qr).post("/api/registrations/qr-check-in").then().statusCode(200)
                .body("already_checked_in", equalTo(true));
        scan(event, event.eventId(), qr, "entry").body("scan.result", equalTo("admitted"))
                .body("scan.admission.entries", equalTo(2));
        scan(event, event.eventId(), qr, "entry").body("scan.reason", equalTo("already_redeemed"));
    }

    @Test
    void eachListAppliesItsOwnRules() {
        EventBuilder builder = new EventBuilder();
        String general = builder.ticketType(0, null);
        String vip = builder.ticketType(0, null);
        String paid = builder.ticketType(40, null);
        Built event = builder.build();
        Map<String, Object> vipOnly = list(event.eventId(), "VIP door");
        vipOnly.put("ticket_type_ids", List.of(vip));
        vipOnly.put("allow_entry_after_exit", false);
        String vipDoor = create(event, vipOnly);
        Map<String, Object> tomorrow = list(event.eventId(), "Day two");
        tomorrow.put("valid_from", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        String dayTwo = create(event, tomorrow);
        Map<String, Object> everyDoor = list(event.eventId(), "Day pass");
        everyDoor.put("allow_multiple_entries", true);
        String dayPass = create(event, everyDoor);

        String generalQr = qrOf(event, general);
        String vipQr = qrOf(event, vip);
        scan(event, vipDoor, generalQr, "entry").body("scan.result", equalTo("refused")).body("scan.reason", equalTo("product"))
                .body("scan.registration.checked_in", equalTo(false));
        scan(event, dayTwo, generalQr, "entry").body("scan.reason", equalTo("invalid_time"));
        scan(event, vipDoor, vipQr, "entry").body("scan.result", equalTo("admitted"));
        scan(event, vipDoor, vipQr, "exit").body("scan.result", equalTo("exited"));
        scan(event, vipDoor, vipQr, "entry").body("scan.reason", equalTo("already_redeemed"))
                .body("scan.detail", equalTo("Already used: no re-entry here"));
        scan(event, dayPass, vipQr, "entry").body("scan.result", equalTo("admitted"));
        scan(event, dayPass, vipQr, "entry").body("scan.result", equalTo("admitted")).body("scan.admission.entries", equalTo(2));
        // Entries on other lists are not the documented check-in.
        event.staff().call().get("/api/registrations?event_id=" + event.eventId() + "&checked_in=true").then()
                .body("registrations", empty());

        scan(event, dayPass, qrOf(event, paid), "entry").body("scan.reason", equalTo("unpaid"))
                .body("scan.detail", equalTo("Registration is not paid"));
        scan(event, dayPass, "no-such-code", "entry").body("scan.reason", equalTo("unknown_code"))
                .body("scan.registration", nullValue());
        Built other = new EventBuilder().build();
        EventBuilder otherBuilder = new EventBuilder();
        String otherTicket = otherBuilder.ticketType(0, null);
        Built otherEvent = otherBuilder.build();
        scan(event, dayPass, qrOf(otherEvent, otherTicket), "entry").body("scan.reason", equalTo("unknown_code"));
        event.staff().call().body(Map.of("qr_code", generalQr)).post("/api/check-in-lists/" + other.eventId() + "/scans")
                .then().statusCode(404).body("detail", equalTo("Check-in list not found"));
    }

    @Test
    void checkInsFromBeforeListsUndoAndCancellationKeepTheirMeaning() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        String old = qrOf(event, ticket);
        String oldId = event.staff().call().queryParam("qr_code", old).post("/api/registrations/qr-check-in").then()
                .extract().path("registration._id");
        // As a registration checked in before lists existed was stored: checked in, and nothing on any list.
        registrations().updateOne(Filters.eq("_id", new ObjectId(oldId)), Updates.unset("admissions"));
        scan(event, event.eventId(), old, "entry").body("scan.reason", equalTo("already_redeemed"))
                .body("scan.admission.entries", equalTo(1)).body("scan.admission.inside", equalTo(true));
        scan(event, event.eventId(), old, "exit").body("scan.result", equalTo("exited"));
        scan(event, event.eventId(), old, "entry").body("scan.result", equalTo("admitted")).body("scan.admission.entries", equalTo(2));

        // Undoing the check-in forgets the default list's entries; a new scan starts over.
        event.organizer().call().delete("/api/registrations/" + oldId + "/check-in").then().statusCode(200)
                .body("registration.checked_in", equalTo(false));
        scan(event, event.eventId(), old, "exit").body("scan.reason", equalTo("not_inside"));
        scan(event, event.eventId(), old, "entry").body("scan.result", equalTo("admitted")).body("scan.admission.entries", equalTo(1))
                .body("scan.registration.checked_in", equalTo(true));

        // Checked in, then cancelled: the documented endpoints answer as they always did, a list scan refuses the entry.
        event.organizer().call().body(Map.of("status", "CANCELLED")).patch("/api/registrations/" + oldId).then().statusCode(200);
        event.staff().call().queryParam("qr_code", old).post("/api/registrations/qr-check-in").then().statusCode(200)
                .body("already_checked_in", equalTo(true));
        event.staff().call().post("/api/registrations/" + oldId + "/check-in").then().statusCode(400)
                .body("detail", equalTo("Already checked in"));
        scan(event, event.eventId(), old, "exit").body("scan.result", equalTo("exited"));
        scan(event, event.eventId(), old, "entry").body("scan.reason", equalTo("canceled"));
    }

    private MongoCollection<Document> registrations() {
        return mongo.getDatabase("registration").getCollection("registrations");
    }

    @Test
    void ofRacingEntriesOnOneListExactlyOneCountsAndEveryListCountsItsOwn() throws Exception {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        String doorA = create(event, list(event.eventId(), "Door A"));
        String doorB = create(event, list(event.eventId(), "Door B"));
        String qr = qrOf(event, ticket);
        List<String> results = Parallel.run(24, i -> event.staff().call()
                .body(Map.of("qr_code", qr, "direction", "entry", "device", "d" + i))
                .post("/api/check-in-lists/" + (i % 2 == 0 ? doorA : doorB) + "/scans").then().statusCode(200)
                .extract().<String>path("scan.result"));
        assertEquals(2, results.stream().filter("admitted"::equals).count(), results.toString());
        assertEquals(22, results.stream().filter("refused"::equals).count(), results.toString());
        scan(event, doorA, qr, "entry").body("scan.admission.entries", equalTo(1));
        scan(event, doorB, qr, "entry").body("scan.admission.entries", equalTo(1));
    }

    @Test
    void listsAreManagedWithClearAnswersForBadInput() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        String door = create(event, list(event.eventId(), "North"));
        event.organizer().call().body(list(event.eventId(), "North")).post("/api/check-in-lists").then().statusCode(409)
                .body("detail", equalTo("The event already has a check-in list of that name"));
        event.organizer().call().body(list(event.eventId(), "Main entrance")).post("/api/check-in-lists").then().statusCode(409);
        Map<String, Object> foreignType = list(event.eventId(), "South");
        foreignType.put("ticket_type_ids", List.of(new ObjectId().toHexString()));
        event.organizer().call().body(foreignType).post("/api/check-in-lists").then().statusCode(422)
                .body("detail[0].loc", contains("body", "ticket_type_ids"));
        Map<String, Object> backwards = list(event.eventId(), "West");
        backwards.put("valid_from", "2030-12-02T10:00:00Z");
        backwards.put("valid_until", "2030-12-01T10:00:00Z");
        event.organizer().call().body(backwards).post("/api/check-in-lists").then().statusCode(422);
        event.organizer().call().body(list(new ObjectId().toHexString(), "East")).post("/api/check-in-lists").then().statusCode(404);
        event.organizer().call().body(list("nope", "East")).post("/api/check-in-lists").then().statusCode(422);
        event.staff().call().body(Map.of("direction", "entry")).post("/api/check-in-lists/" + door + "/scans").then().statusCode(422);
        event.staff().call().body(Map.of("qr_code", "x", "direction", "sideways")).post("/api/check-in-lists/" + door + "/scans")
                .then().statusCode(422);

        Map<String, Object> renamed = new HashMap<>(Map.of("name", "Front gate", "ticket_type_ids", List.of(ticket),
                "allow_multiple_entries", true));
        event.organizer().call().body(renamed).put("/api/check-in-lists/" + event.eventId()).then().statusCode(200)
                .body("check_in_list.name", equalTo("Front gate")).body("check_in_list.is_default", equalTo(true));
        event.staff().call().get("/api/check-in-lists/" + event.eventId()).then().statusCode(200)
                .body("check_in_list.allow_multiple_entries", equalTo(true)).body("check_in_list.ticket_type_ids", contains(ticket));
        String qr = qrOf(event, ticket);
        // The documented check-in stays once per registration; the list's multiple entries are scans.
        event.staff().call().queryParam("qr_code", qr).post("/api/registrations/qr-check-in").then().body("already_checked_in", equalTo(false));
        event.staff().call().queryParam("qr_code", qr).post("/api/registrations/qr-check-in").then().body("already_checked_in", equalTo(true));
        scan(event, event.eventId(), qr, "entry").body("scan.result", equalTo("admitted")).body("scan.admission.entries", equalTo(2));
        Map<String, Object> past = list(event.eventId(), "Yesterday");
        past.put("valid_until", Instant.now().minus(1, ChronoUnit.DAYS).toString());
        scan(event, create(event, past), qr, "entry").body("scan.reason", equalTo("invalid_time"));
        event.organizer().call().body(Map.of("name", "North")).put("/api/check-in-lists/" + event.eventId()).then().statusCode(409)
                .body("detail", equalTo("The event already has a check-in list of that name"));
        event.organizer().call().body(Map.of("name", "Front gate")).put("/api/check-in-lists/" + door).then().statusCode(409);
        event.organizer().call().body(Map.of("name", "Elsewhere", "event_id", new ObjectId().toHexString()))
                .put("/api/check-in-lists/" + door).then().statusCode(422).body("detail[0].loc", contains("body", "event_id"));

        event.organizer().call().delete("/api/check-in-lists/" + event.eventId()).then().statusCode(400);
        event.organizer().call().delete("/api/check-in-lists/" + door).then().statusCode(204);
        event.staff().call().get("/api/check-in-lists/" + door).then().statusCode(404);
        event.staff().call().get("/api/check-in-lists?event_id=" + event.eventId()).then()
                .body("check_in_lists.name", contains("Front gate", "Yesterday"));
    }
}
