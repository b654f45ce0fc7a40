package io.eventplatform.registration;

import static io.eventplatform.registration.RegistrationFixtures.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Ed25519-signed tickets: checked with the public key alone, refused when tampered with or revoked, and the offline download. */
@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class SignedTicketTest {

    private static String registrationIn(Built event, String ticketTypeId) {
        return registerSomeone(event, ticketTypeId).statusCode(201).extract().path("registration._id");
    }

    private static String ticketOf(Built event, String registrationId) {
        return event.staff().call().get("/api/registrations/" + registrationId + "/ticket").then().statusCode(200)
                .extract().path("ticket.code");
    }

    private static ValidatableResponse scan(Built event, String listId, String code) {
        return event.staff().call().body(Map.of("qr_code", code)).post("/api/check-in-lists/" + listId + "/scans").then()
                .statusCode(200);
    }

    /** What a door device does offline: the signature checked with the event's public key, nothing else. */
    private static boolean verifiesOffline(Built event, String ticket) throws Exception {
        byte[] bytes = Base64.getUrlDecoder().decode(ticket.substring("EP1.".length()));
        String keyId = HexFormat.of().formatHex(bytes, 41, 45);
        List<Map<String, String>> keys = event.staff().call().get("/api/registrations/ticket-keys?event_id=" + event.eventId())
                .then().statusCode(200).extract().path("ticket_keys");
        Map<String, String> key = keys.stream().filter(k -> k.get("key_id").equals(keyId)).findFirst().orElseThrow();
        PublicKey publicKey = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.get("public_key"))));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(bytes, 0, 45);
        return verifier.verify(bytes, 45, 64);
    }

    @Test
    void aSignedTicketIsCheckedWithThePublicKeyAloneAndATamperedOneIsRefused() throws Exception {
        EventBuilder builder = new EventBuilder().signedTickets();
        String ticketType = builder.ticketType(0, null);
        Built event = builder.build();
        String id = registrationIn(event, ticketType);
        String ticket = ticketOf(event, id);
        assertTrue(ticket.startsWith("EP1.") && ticket.length() == 4 + 146, ticket);
        assertTrue(verifiesOffline(event, ticket));
        event.staff().call().get("/api/registrations/ticket-keys?event_id=" + event.eventId()).then()
                .body("ticket_keys", hasSize(1)).body("ticket_keys[0].algorithm", equalTo("Ed25519"))
                .body("ticket_keys[0]", not(hasKey("private_key")));

        // A flipped bit in the signature: the payload still names the registration, so only the signature refuses it.
        char[] tampered = ticket.toCharArray();
        int inSignature = ticket.length() - 10;
        tampered[inSignature] = tampered[inSignature] == 'A' ? 'B' : 'A';
        assertFalse(verifiesOffline(event, new String(tampered)));
        scan(event, event.eventId(), new String(tampered)).body("scan.result", equalTo("refused"))
                .body("scan.reason", equalTo("unknown_code"));
        scan(event, event.eventId(), "EP1.not-base64!").body("scan.reason", equalTo("unknown_code"));
        event.staff().call().queryParam("qr_code", new String(tampered)).post("/api/registrations/qr-check-in").then()
                .statusCode(404).body("reason", equalTo("unknown_code"));

        scan(event, event.eventId(), ticket).body("scan.result", equalTo("admitted")).body("scan.registration._id", equalTo(id));
        event.staff().call().queryParam("qr_code", ticket).post("/api/registrations/qr-check-in").then().statusCode(200)
                .body("already_checked_in", equalTo(true));
        // The random code of the same registration is still a ticket.
        String qrCode = event.staff().call().get("/api/registrations/" + id).then().extract().path("registration.qr_code");
        scan(event, event.eventId(), qrCode).body("scan.reason", equalTo("already_redeemed"));

        EventBuilder unsignedBuilder = new EventBuilder();
        String plainType = unsignedBuilder.ticketType(0, null);
        Built unsigned = unsignedBuilder.build();
        String plain = registrationIn(unsigned, plainType);
        unsigned.staff().call().get("/api/registrations/" + plain + "/ticket").then().body("ticket.signed", equalTo(false))
                .body("ticket.code", equalTo(unsigned.staff().call().get("/api/registrations/" + plain).then()
                        .extract().<String>path("registration.qr_code")));
        // Another event's ticket is unknown here, signature or not.
        scan(unsigned, unsigned.eventId(), ticket).body("scan.reason", equalTo("unknown_code"));
    }

    @Test
    void cancellingRevokesTheTicketAndAReturningRegistrationHasANewOne() throws Exception {
        EventBuilder builder = new EventBuilder().signedTickets();
        String ticketType = builder.ticketType(0, null);
        Built event = builder.build();
        String id = registrationIn(event, ticketType);
        String old = ticketOf(event, id);

        event.organizer().call().body(Map.of("status", "CANCELLED")).patch("/api/registrations/" + id).then().statusCode(200);
        scan(event, event.eventId(), old).body("scan.reason", equalTo("canceled"));
        event.organizer().call().body(Map.of("status", "CONFIRMED")).patch("/api/registrations/" + id).then().statusCode(200);
        scan(event, event.eventId(), old).body("scan.result", equalTo("refused")).body("scan.reason", equalTo("revoked"));
        event.staff().call().queryParam("qr_code", old).post("/api/registrations/qr-check-in").then().statusCode(400)
                .body("reason", equalTo("revoked"));
        // Its signature still holds: only the revocation list tells a device offline.
        assertTrue(verifiesOffline(event, old));
        event.staff().call().get("/api/check-in-lists/" + event.eventId() + "/offline").then().statusCode(200)
                .body("revocations", contains(Map.of("registration_id", id, "valid_serial", 1)));

        String current = ticketOf(event, id);
        scan(event, event.eventId(), current).body("scan.result", equalTo("admitted"));
    }

    @Test
    void aRotatedKeySignsNewTicketsAndOldOnesStayValid() throws Exception {
        EventBuilder builder = new EventBuilder().signedTickets();
        String ticketType = builder.ticketType(0, null);
        Built event = builder.build();
        String first = registrationIn(event, ticketType);
        String before = ticketOf(event, first);
        event.staff().call().post("/api/registrations/ticket-keys?event_id=" + event.eventId()).then().statusCode(403);
        List<String> keyIds = event.organizer().call().post("/api/registrations/ticket-keys?event_id=" + event.eventId())
                .then().statusCode(201).body("ticket_keys", hasSize(2)).extract().path("ticket_keys.key_id");
        String second = registrationIn(event, ticketType);
        String after = ticketOf(event, second);
        byte[] afterBytes = Base64.getUrlDecoder().decode(after.substring(4));
        assertEquals(keyIds.get(1), HexFormat.of().formatHex(Arrays.copyOfRange(afterBytes, 41, 45)));
        assertTrue(verifiesOffline(event, before));
        assertTrue(verifiesOffline(event, after));
        scan(event, event.eventId(), before).body("scan.result", equalTo("admitted"));
        scan(event, event.eventId(), after).body("scan.result", equalTo("admitted"));
    }

    @Test
    void aDoorDeviceDownloadsChangesInPagesFromItsCursor() {
        EventBuilder builder = new EventBuilder().signedTickets();
        String ticketType = builder.ticketType(0, null);
        Built event = builder.build();
        for (int i = 0; i < 5; i++) {
            registrationIn(event, ticketType);
        }
        String offline = "/api/check-in-lists/" + event.eventId() + "/offline";
        ValidatableResponse first = event.staff().call().get(offline + "?limit=2").then().statusCode(200)
                .body("attendees", hasSize(2)).body("more", equalTo(true)).body("ticket_keys", hasSize(1))
                .body("check_in_list.is_default", equalTo(true))
                .body("attendees[0]", hasKey("qr_code")).body("attendees[0].first_name", equalTo("Jane"))
                .body("attendees[0].admission.inside", equalTo(false));
        String cursor = first.extract().path("cursor");
        String second = event.staff().call().get(offline + "?limit=2&cursor=" + cursor).then().body("attendees", hasSize(2))
                .body("more", equalTo(true)).extract().path("cursor");
        String third = event.staff().call().get(offline + "?limit=2&cursor=" + second).then().body("attendees", hasSize(1))
                .body("more", equalTo(false)).extract().path("cursor");
        // The last page's cursor reaches back a few seconds: changes of the last moments come again, in case one was saved late.
        event.staff().call().get(offline + "?cursor=" + third).then().body("attendees", hasSize(5)).body("more", equalTo(false));
        event.staff().call().get(offline + "?cursor=" + cursor).then().body("attendees", hasSize(3));

        // Someone comes in: the next download from the same cursor has them last, inside.
        String id = event.staff().call().get(offline + "?limit=1").then().extract().path("attendees[0]._id");
        event.staff().call().body(Map.of("registration_id", id)).post("/api/check-in-lists/" + event.eventId() + "/scans").then()
                .body("scan.result", equalTo("admitted"));
        event.staff().call().get(offline + "?cursor=" + second).then().body("attendees._id", hasItem(id))
                .body("attendees[-1]._id", equalTo(id))
                .body("attendees[-1].admission.inside", equalTo(true)).body("attendees[-1].checked_in", equalTo(true));

        event.staff().call().get(offline + "?cursor=garbage").then().statusCode(422).body("detail[0].loc", contains("query", "cursor"));
        event.staff().call().get(offline + "?limit=501").then().statusCode(422);
        event.staff().call().get(offline + "?limit=x").then().statusCode(422);
    }
}
