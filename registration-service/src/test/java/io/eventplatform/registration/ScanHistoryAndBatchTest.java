package io.eventplatform.registration;

import static io.eventplatform.registration.RegistrationFixtures.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import io.eventplatform.common.testing.Parallel;
import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The scan history of a list, scans sent twice, and the batches a door device syncs after scanning offline. */
@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class ScanHistoryAndBatchTest {

    @Inject
    MongoClient mongo;

    private static final Instant T0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    private static String list(Built event, String name, boolean multipleEntries, Instant validUntil) {
        Map<String, Object> body = new HashMap<>(Map.of("event_id", event.eventId(), "name", name,
                "allow_multiple_entries", multipleEntries));
        if (validUntil != null) {
            body.put("valid_until", validUntil.toString());
        }
        return event.organizer().call().body(body).post("/api/check-in-lists").then().statusCode(201)
                .extract().path("check_in_list._id");
    }

    private static String qrOf(Built event, String ticketTypeId) {
        return registerSomeone(event, ticketTypeId).statusCode(201).extract().path("registration.qr_code");
    }

    private static Map<String, Object> offline(String nonce, String qr, String direction, int minutes, String device) {
        return Map.of("nonce", nonce, "qr_code", qr, "direction", direction, "device", device,
                "scanned_at", T0.plus(minutes, ChronoUnit.MINUTES).toString());
    }

    private static ValidatableResponse sync(Built event, String listId, List<Map<String, Object>> scans) {
        return event.staff().call().body(Map.of("scans", scans)).post("/api/check-in-lists/" + listId + "/scans/batch")
                .then().statusCode(200);
    }

    private static ValidatableResponse history(Built event, String listId) {
        return event.staff().call().get("/api/check-in-lists/" + listId + "/scans").then().statusCode(200);
    }

    @Test
    void aScanSentAgainCountsOnceAndTheHistoryShowsEveryScanWithWhoAndWhere() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        String dayPass = list(event, "Day pass", true, null);
        String qr = qrOf(event, ticket);
        Map<String, Object> scan = Map.of("qr_code", qr, "direction", "entry", "device", "gate-1", "nonce", "n-1");

        for (boolean repeated : new boolean[] { false, true }) {
            event.staff().call().body(scan).post("/api/check-in-lists/" + dayPass + "/scans").then().statusCode(200)
                    .body("scan.result", equalTo("admitted")).body("scan.scan_id", equalTo("n-1"))
                    .body("scan.repeated", equalTo(repeated)).body("scan.admission.entries", equalTo(1));
        }
        event.staff().call().body(Map.of("qr_code", qr, "device", "gate-2")).post("/api/check-in-lists/" + dayPass + "/scans")
                .then().body("scan.result", equalTo("admitted")).body("scan.admission.entries", equalTo(2));
        event.staff().call().body(Map.of("qr_code", "nobody", "device", "gate-2")).post("/api/check-in-lists/" + dayPass + "/scans")
                .then().body("scan.result", equalTo("refused")).body("scan.reason", equalTo("unknown_code"));

        history(event, dayPass).body("total", equalTo(3)).body("page", equalTo(1))
                .body("scans.result", contains("refused", "admitted", "admitted"))
                .body("scans.reason", contains("unknown_code", null, null))
                .body("scans.device", contains("gate-2", "gate-2", "gate-1"))
                .body("scans[2].scan_id", equalTo("n-1")).body("scans[2]._id", equalTo(dayPass + "/n-1"))
                .body("scans.staff_id", everyItem(equalTo(event.staff().id())))
                .body("scans.direction", everyItem(equalTo("entry")))
                .body("scans.offline", everyItem(equalTo(false)))
                .body("scans[1].attendee_name", equalTo("Jane Smith"))
                .body("scans[0].registration_id", nullValue());
        event.staff().call().get("/api/check-in-lists/" + dayPass + "/scans?limit=2&page=2").then().statusCode(200)
                .body("total", equalTo(3)).body("scans.device", contains("gate-1"));
        // Another list's history is its own.
        history(event, event.eventId()).body("total", equalTo(0));
        event.attendee().call().get("/api/check-in-lists/" + dayPass + "/scans").then().statusCode(403);
        event.staff().call().get("/api/check-in-lists/" + dayPass + "/scans?limit=0").then().statusCode(422);
    }

    @Test
    void theLastScanOfATicketIsUndoneOnceAndItsTicketComesInAgain() throws Exception {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        String qr = qrOf(event, ticket);
        String door = "/api/check-in-lists/" + event.eventId() + "/scans";
        String id = event.staff().call().body(Map.of("qr_code", qr, "device", "gate-1", "nonce", "wrong-person")).post(door)
                .then().body("scan.result", equalTo("admitted")).extract().path("scan.registration._id");

        List<Integer> racing = Parallel.run(6, i -> event.staff().call().post(door + "/wrong-person/undo").statusCode());
        assertEquals(List.of(200, 200, 200, 200, 200, 200), racing);
        event.staff().call().post(door + "/wrong-person/undo").then().statusCode(200).body("scan.result", equalTo("undone"))
                .body("scan.repeated", equalTo(true)).body("scan.direction", equalTo("entry"))
                .body("scan.admission.entries", equalTo(0)).body("scan.admission.inside", equalTo(false));
        event.staff().call().get("/api/registrations/" + id).then().body("registration.checked_in", equalTo(false))
                .body("registration.check_in_time", nullValue());
        // The undone scan sent again stays undone; the ticket itself comes in again.
        event.staff().call().body(Map.of("qr_code", qr, "device", "gate-1", "nonce", "wrong-person")).post(door).then()
                .body("scan.repeated", equalTo(true)).body("scan.admission.entries", equalTo(0));
        event.staff().call().body(Map.of("qr_code", qr, "device", "gate-1", "nonce", "right-person")).post(door).then()
                .body("scan.result", equalTo("admitted")).body("scan.admission.entries", equalTo(1));
        event.staff().call().get("/api/registrations/" + id).then().body("registration.checked_in", equalTo(true));

        event.staff().call().body(Map.of("qr_code", qr, "direction", "exit", "nonce", "went-out")).post(door).then()
                .body("scan.result", equalTo("exited"));
        event.staff().call().post(door + "/right-person/undo").then().statusCode(409)
                .body("detail", equalTo("Only the last scan of a ticket at an entrance can be undone"));
        event.staff().call().body(Map.of("qr_code", qr, "direction", "exit", "nonce", "refused-exit")).post(door).then()
                .body("scan.result", equalTo("refused"));
        event.staff().call().post(door + "/refused-exit/undo").then().statusCode(409)
                .body("detail", equalTo("Only an admission or an exit can be undone"));
        event.staff().call().post(door + "/no-such-scan/undo").then().statusCode(404).body("detail", equalTo("Scan not found"));
        // Undoing the exit puts them back inside, as they were before it.
        event.staff().call().post(door + "/went-out/undo").then().statusCode(200).body("scan.direction", equalTo("exit"))
                .body("scan.admission.inside", equalTo(true)).body("scan.admission.entries", equalTo(1))
                .body("scan.admission.last_exit_at", nullValue());

        history(event, event.eventId()).body("total", equalTo(6))
                .body("scans.result", contains("undone", "refused", "exited", "admitted", "undone", "admitted"))
                .body("scans.scan_id", contains("went-out~undo", "refused-exit", "went-out", "right-person",
                        "wrong-person~undo", "wrong-person"));
    }

    @Test
    void copiesOfOneScanRacingEachOtherCountOnce() throws Exception {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        String dayPass = list(event, "Day pass", true, null);
        String qr = qrOf(event, ticket);
        List<String> results = Parallel.run(16, i -> event.staff().call()
                .body(Map.of("qr_code", qr, "direction", "entry", "device", "d" + i, "nonce", "same-scan"))
                .post("/api/check-in-lists/" + dayPass + "/scans").then().statusCode(200)
                .extract().<String>path("scan.result"));
        assertEquals(List.of("admitted"), results.stream().distinct().toList());
        event.staff().call().body(Map.of("qr_code", qr, "nonce", "later")).post("/api/check-in-lists/" + dayPass + "/scans")
                .then().body("scan.admission.entries", equalTo(2));
        history(event, dayPass).body("total", equalTo(2));
    }

    @Test
    void devicesSyncingTheSameTicketAtOnceAdmitItOnce() throws Exception {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        String shared = qrOf(event, ticket);
        List<String> own = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            own.add(qrOf(event, ticket));
        }
        List<List<String>> answers = Parallel.run(8, i -> sync(event, event.eventId(), List.of(offline("s" + i, shared, "entry", i, "d" + i),
                offline("o" + i, own.get(i), "entry", i, "d" + i))).extract().<List<String>>path("results.result"));
        assertEquals(1, answers.stream().filter(a -> a.get(0).equals("admitted")).count(), answers.toString());
        assertEquals(7, answers.stream().filter(a -> a.get(0).equals("conflict")).count(), answers.toString());
        assertEquals(8, answers.stream().filter(a -> a.get(1).equals("admitted")).count(), answers.toString());
        history(event, event.eventId()).body("total", equalTo(16));
        event.staff().call().body(Map.of("qr_code", shared, "direction", "exit")).post("/api/check-in-lists/" + event.eventId() + "/scans")
                .then().body("scan.result", equalTo("exited")).body("scan.admission.entries", equalTo(1));
    }

    @Test
    void offlineScansAreAppliedInTheirTimeOrderAndATicketLetInTwiceIsAConflictCountedOnce() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        String unpaidTicket = builder.ticketType(25, null);
        Built event = builder.build();
        // The entrance closed an hour ago: offline scans are judged at their own time, when it was open.
        String door = list(event, "Door A", false, Instant.now().minus(1, ChronoUnit.HOURS));
        String ada = qrOf(event, ticket);
        String bob = qrOf(event, ticket);
        String unpaid = qrOf(event, unpaidTicket);

        // Device 1 saw Ada come in, go out and come back; it sends its scans out of order.
        List<Map<String, Object>> device1 = List.of(offline("d1-3", ada, "entry", 30, "d1"), offline("d1-1", ada, "entry", 0, "d1"),
                offline("d1-2", ada, "exit", 10, "d1"), offline("d1-4", bob, "entry", 5, "d1"));
        sync(event, door, device1).body("results.nonce", contains("d1-3", "d1-1", "d1-2", "d1-4"))
                .body("results.result", contains("admitted", "admitted", "exited", "admitted"))
                .body("results[0].admission.entries", equalTo(2)).body("results[0].admission.inside", equalTo(true))
                .body("conflicts", equalTo(0));

        // Device 2, offline at the same time, also let Bob in, saw Ada leave before her last entry, and let in an unpaid ticket.
        List<Map<String, Object>> device2 = List.of(offline("d2-1", bob, "entry", 7, "d2"), offline("d2-2", ada, "exit", 20, "d2"),
                offline("d2-3", unpaid, "entry", 8, "d2"), offline("d2-4", "forged", "entry", 9, "d2"));
        sync(event, door, device2).body("results.result", contains("conflict", "conflict", "conflict", "conflict"))
                .body("results.reason", contains("already_redeemed", "not_inside", "unpaid", "unknown_code"))
                .body("results[0].admission.entries", equalTo(1)).body("results[1].admission.inside", equalTo(true))
                .body("results.repeated", everyItem(equalTo(false))).body("conflicts", equalTo(4));

        // The answer was lost and device 2 sends the same batch again: the same answers, nothing counted or recorded twice.
        sync(event, door, device2).body("results.result", contains("conflict", "conflict", "conflict", "conflict"))
                .body("results.repeated", everyItem(equalTo(true)));
        sync(event, door, device1).body("results.result", contains("admitted", "admitted", "exited", "admitted"))
                .body("results.repeated", everyItem(equalTo(true)));
        history(event, door).body("total", equalTo(8))
                .body("scans.findAll { it.result == 'conflict' }.scan_id", containsInAnyOrder("d2-1", "d2-2", "d2-3", "d2-4"))
                .body("scans.offline", everyItem(equalTo(true)))
                .body("scans.find { it.scan_id == 'd1-2' }.scanned_at", equalTo(T0.plus(10, ChronoUnit.MINUTES).toString()));
        // Online, now, the entrance is closed.
        event.staff().call().body(Map.of("qr_code", bob, "direction", "exit")).post("/api/check-in-lists/" + door + "/scans")
                .then().body("scan.result", equalTo("exited")).body("scan.admission.entries", equalTo(1));
        event.staff().call().body(Map.of("qr_code", bob)).post("/api/check-in-lists/" + door + "/scans")
                .then().body("scan.reason", equalTo("invalid_time"));
    }

    @Test
    void aScanWhoseHistoryEntryWasLostIsRecordedWhenSentAgainAndANonceServesOneScanOnly() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        String dayPass = list(event, "Day pass", true, null);
        String ada = qrOf(event, ticket);
        String bob = qrOf(event, ticket);
        Map<String, Object> scan = Map.of("qr_code", ada, "nonce", "lost");
        event.staff().call().body(scan).post("/api/check-in-lists/" + dayPass + "/scans").then().body("scan.result", equalTo("admitted"));
        // As if the service had crashed after saving the entry and before recording it.
        mongo.getDatabase("registration").getCollection("check_in_scans").deleteOne(Filters.eq("_id", dayPass + "/lost"));
        history(event, dayPass).body("total", equalTo(0));
        event.staff().call().body(scan).post("/api/check-in-lists/" + dayPass + "/scans").then()
                .body("scan.result", equalTo("admitted")).body("scan.repeated", equalTo(true)).body("scan.admission.entries", equalTo(1));
        history(event, dayPass).body("total", equalTo(1)).body("scans[0].scan_id", equalTo("lost"));
        // The same, for a scan sent again in a batch: recorded once, so it can still be undone.
        event.staff().call().body(Map.of("qr_code", ada, "nonce", "lost-too")).post("/api/check-in-lists/" + dayPass + "/scans");
        mongo.getDatabase("registration").getCollection("check_in_scans").deleteOne(Filters.eq("_id", dayPass + "/lost-too"));
        sync(event, dayPass, List.of(offline("lost-too", ada, "entry", 0, "d"), offline("lost-too", ada, "entry", 0, "d")))
                .body("results.repeated", contains(true, true)).body("results.result", contains("admitted", "admitted"));
        history(event, dayPass).body("total", equalTo(2)).body("scans[0].scan_id", equalTo("lost-too"));
        event.staff().call().post("/api/check-in-lists/" + dayPass + "/scans/lost-too/undo").then().statusCode(200)
                .body("scan.admission.entries", equalTo(1));

        event.staff().call().body(Map.of("qr_code", bob, "nonce", "lost")).post("/api/check-in-lists/" + dayPass + "/scans").then()
                .statusCode(409).body("detail", containsString("nonce"));
        sync(event, dayPass, List.of(offline("lost", bob, "entry", 0, "d"), offline("fresh", bob, "entry", 1, "d")))
                .body("results.result", contains("conflict", "admitted")).body("results[0].reason", equalTo("nonce_reused"));
        history(event, dayPass).body("total", equalTo(4)).body("scans.scan_id", contains("fresh", "lost-too~undo", "lost-too", "lost"));
    }

    @Test
    void anOfflineEntryOlderThanAnExitKeepsItsHolderOutAndAClockAheadCountsAsNow() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        String ada = qrOf(event, ticket);
        String scans = "/api/check-in-lists/" + event.eventId() + "/scans";
        event.staff().call().body(Map.of("qr_code", ada)).post(scans).then().body("scan.result", equalTo("admitted"));
        event.staff().call().body(Map.of("qr_code", ada, "direction", "exit")).post(scans).then().body("scan.result", equalTo("exited"));
        sync(event, event.eventId(), List.of(offline("early", ada, "entry", 0, "d"))).body("results[0].result", equalTo("conflict"))
                .body("results[0].detail", equalTo("Already used: left again after this entry"))
                .body("results[0].admission.inside", equalTo(false)).body("results[0].admission.entries", equalTo(1));

        String bob = qrOf(event, ticket);
        Map<String, Object> ahead = Map.of("nonce", "ahead", "qr_code", bob, "direction", "entry",
                "scanned_at", Instant.now().plus(2, ChronoUnit.MINUTES).toString());
        sync(event, event.eventId(), List.of(ahead)).body("results[0].result", equalTo("admitted"));
        event.staff().call().body(Map.of("qr_code", bob, "direction", "exit")).post(scans).then().body("scan.result", equalTo("exited"));
    }

    @Test
    void aBadBatchIsRefusedWholeWithWhereAndNothingApplied() {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        String qr = qrOf(event, ticket);
        String listId = event.eventId();
        Map<String, Object> good = offline("ok-1", qr, "entry", 0, "d");

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 500; i++) {
            tooMany.add(offline("n" + i, qr, "entry", 0, "d"));
        }
        event.staff().call().body(Map.of("scans", tooMany)).post("/api/check-in-lists/" + listId + "/scans/batch").then()
                .statusCode(422).body("detail[0].loc", hasItem("scans"));
        event.staff().call().body(Map.of("scans", List.of())).post("/api/check-in-lists/" + listId + "/scans/batch").then()
                .statusCode(422);
        Map<String, Object> noNonce = new HashMap<>(good);
        noNonce.remove("nonce");
        Map<String, Object> noTime = new HashMap<>(good);
        noTime.put("nonce", "ok-2");
        noTime.remove("scanned_at");
        Map<String, Object> future = new HashMap<>(good);
        future.put("nonce", "ok-3");
        future.put("scanned_at", Instant.now().plus(1, ChronoUnit.HOURS).toString());
        Map<String, Object> both = new HashMap<>(good);
        both.put("nonce", "ok-4");
        both.put("registration_id", "0123456789abcdef01234567");
        Map<String, Object> badNonce = new HashMap<>(good);
        badNonce.put("nonce", "no spaces");
        for (Map<String, Object> bad : List.of(noNonce, noTime, future, both, badNonce)) {
            event.staff().call().body(Map.of("scans", List.of(good, bad))).post("/api/check-in-lists/" + listId + "/scans/batch")
                    .then().statusCode(422).body("detail", not(empty()));
        }
        event.staff().call().body("{\"scans\": 3}").post("/api/check-in-lists/" + listId + "/scans/batch").then().statusCode(422);
        history(event, listId).body("total", equalTo(0));
        sync(event, listId, List.of(good)).body("results[0].result", equalTo("admitted"))
                .body("results[0].admission.entries", equalTo(1));
        event.staff().call().get("/api/registrations?event_id=" + event.eventId() + "&checked_in=true").then()
                .body("total", equalTo(1));
    }
}
