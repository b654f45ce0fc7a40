package io.eventplatform.registration;

import static io.eventplatform.registration.RegistrationFixtures.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DevStackTestResource.class)
class QrAndExportTest {

    @Test
    void theQrImageScansBackToTheRegistrationsCode() throws Exception {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        Caller owner = caller();
        var registered = owner.call().body(registration(event.eventId(), ticket, uniqueEmail())).post("/api/registrations")
                .then().statusCode(201).extract();
        String id = registered.path("registration._id");
        String code = registered.path("registration.qr_code");

        byte[] png = owner.call().get("/api/registrations/" + id + "/qr.png").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        var image = ImageIO.read(new ByteArrayInputStream(png));
        // A rendered image, not a photo: ZXing's finder-pattern search misses about 1 in 300 such images (measured),
        // which a camera's decoder does not see; PURE_BARCODE reads the image as the code it is.
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        assertEquals(code, decoded);

        owner.call().get("/api/registrations/" + id + "/qr.svg").then().statusCode(200)
                .contentType(containsString("image/svg+xml")).body(startsWith("<svg"));
        event.staff().call().get("/api/registrations/" + id + "/qr.png").then().statusCode(200);
        caller().call().get("/api/registrations/" + id + "/qr.png").then().statusCode(404)
                .body("detail", equalTo("Registration not found"));
    }

    @Test
    void theExportHasEveryFieldAndFlattensCustomFields() throws Exception {
        EventBuilder builder = new EventBuilder();
        String ticket = builder.ticketType(0, null);
        Built event = builder.build();
        Caller attendee = caller();
        for (int i = 0; i < 30; i++) {
            Map<String, Object> body = registration(event.eventId(), ticket, "export-" + i + "-" + uniqueEmail());
            if (i == 0) {
                body.put("custom_fields", Map.of("badge_name", "Ada, \"the first\""));
                body.put("first_name", "Ada");
            }
            if (i == 1) {
                body.put("company", "=HYPERLINK(\"http://evil.example\")");
            }
            attendee.call().body(body).post("/api/registrations").then().statusCode(201);
        }
        String csv = event.organizer().call().get("/api/registrations/export?event_id=" + event.eventId() + "&format=csv")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment")).extract().asString();
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertEquals(30, rows.size());
        CSVRecord ada = rows.stream().filter(r -> r.get("first_name").equals("Ada")).findFirst().orElseThrow();
        assertEquals("Ada, \"the first\"", ada.get("custom_fields.badge_name"));
        assertEquals("Vegetarian", rows.get(1).get("custom_fields.dietary_restrictions"));
        assertEquals("CONFIRMED", ada.get("status"));
        assertTrue(ada.get("qr_code").matches("[A-Za-z0-9]{22}"));
        assertTrue(ada.get("created_at").endsWith("Z"), ada.get("created_at"));
        assertTrue(rows.stream().anyMatch(r -> r.get("company").equals("'=HYPERLINK(\"http://evil.example\")")),
                "a formula must be exported as text");

        event.staff().call().get("/api/registrations/export?event_id=" + event.eventId()).then().statusCode(403);
        caller().call().get("/api/registrations/export?event_id=" + event.eventId()).then().statusCode(404)
                .body("detail", equalTo("Event not found"));
        event.organizer().call().get("/api/registrations/export").then().statusCode(422);
        event.organizer().call().get("/api/registrations/export?event_id=" + event.eventId() + "&format=xlsx").then().statusCode(422);
    }
}
