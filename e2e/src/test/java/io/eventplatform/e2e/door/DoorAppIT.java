package io.eventplatform.e2e.door;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

import io.eventplatform.e2e.support.SuiteIT;

/**
 * The door-staff web app in a real browser (Debian's chromium, driven by its chromedriver) against the running suite:
 * sign in, choose the entrance, scan a ticket's real QR image shown to the camera (a fake camera playing a frame the
 * test draws from the ticket's QR image) and see it admitted, undo that scan and scan the ticket again from a photo;
 * then, with the network gone, scan three more tickets
 * from photos and one again, see them judged on the device and waiting; back online, see them synced and each
 * counted once by the server. Screenshots of each step are saved under target/screenshots.
 */
class DoorAppIT extends SuiteIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ENABLE = "apt-get install -y chromium chromium-driver";
    private static final Path WORK = Path.of("target/door-app");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String PASSWORD = "door-app-pass";

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void scansWithTheCameraThenOfflineAndSyncsEachTicketOnce() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            System.err.println("""

                    ************************************************************************
                    * DoorAppIT SKIPPED: the door web app's browser test needs Chromium.   *
                    * Enable it (as root):  %s                *
                    ************************************************************************
                    """.formatted(ENABLE));
        }
        Assumptions.assumeTrue(installed, "Chromium is not installed: " + ENABLE);
        Files.createDirectories(WORK);
        Files.createDirectories(SCREENSHOTS);

        String organizerEmail = uniqueEmail("door-app-organizer");
        String organizer = registerUser(organizerEmail, "Olga Organizer", PASSWORD).then().statusCode(201)
                .extract().path("access_token");
        EventSetup setup = createEvent(organizer, "Jazz Night", "Standing", null);
        publish(organizer, setup.eventId());
        String event = setup.eventId();
        String ticketType = setup.ticketTypeId();
        List<String> names = List.of("Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra");
        List<String> registrations = new ArrayList<>();
        List<Path> qrImages = new ArrayList<>();
        for (String name : names) {
            String email = uniqueEmail("door-app-attendee");
            String attendee = registerUser(email, name, PASSWORD).then().statusCode(201).extract().path("access_token");
            String[] parts = name.split(" ");
            String id = await().atMost(Duration.ofSeconds(20)).until(() -> as(attendee).body(Map.of("event_id", event,
                    "ticket_type_id", ticketType, "first_name", parts[0], "last_name", parts[1], "email", email))
                    .post("/api/registrations"), r -> r.statusCode() == 201).path("registration._id");
            registrations.add(id);
            byte[] png = as(attendee).get("/api/registrations/" + id + "/qr.png").then().statusCode(200).extract().asByteArray();
            Path image = WORK.resolve(id + ".png");
            Files.write(image, png);
            qrImages.add(image.toAbsolutePath());
        }
        Path camera = WORK.resolve("camera.y4m").toAbsolutePath();
        writeCameraFrame(ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(qrImages.get(0)))), camera);

        browser = startBrowser(camera);
        browser.get("http://127.0.0.1:" + suite.gatewayPort() + "/door");
        find("email").sendKeys(organizerEmail);
        find("password").sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
        By eventOption = By.cssSelector("#event option[value='" + event + "']");
        await().atMost(Duration.ofSeconds(15)).until(() -> find("setup").isDisplayed() && !browser.findElements(eventOption).isEmpty());
        browser.findElement(eventOption).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.cssSelector("#list option[value='" + event + "']")).isEmpty());
        find("device").clear();
        find("device").sendKeys("Door A");
        browser.findElement(By.cssSelector("#setup button[type=submit]")).click();

        // The camera sees Ada's ticket: admitted, online.
        WebElement result = awaitResult("admitted");
        assertEquals("Admitted", find("result-title").getText());
        assertEquals("Ada Lovelace", find("result-name").getText());
        screenshot("door-1-admitted-by-camera");
        find("result-close").click();
        find("camera-toggle").click();
        await().atMost(Duration.ofSeconds(5)).until(() -> "1".equals(find("admitted").getText()));

        // A wrong scan is undone on the server, and the ticket comes in again from a photo.
        find("undo").click();
        awaitResult("undone");
        find("result-close").click();
        assertEquals("0", find("admitted").getText());
        find("photo").sendKeys(qrImages.get(0).toString());
        awaitResult("admitted");
        find("result-close").click();

        // The network goes: three more tickets from photos, judged on the device, and Ada again.
        browser.setNetworkConditions(offline());
        for (int i = 1; i <= 3; i++) {
            find("photo").sendKeys(qrImages.get(i).toString());
            awaitResult("admitted");
            assertEquals(names.get(i), find("result-name").getText());
            assertTrue(find("result-offline").getText().startsWith("Offline"), find("result-offline").getText());
            if (i == 3) {
                screenshot("door-2-admitted-offline");
            }
            find("result-close").click();
        }
        find("photo").sendKeys(qrImages.get(0).toString());
        awaitResult("refused");
        assertTrue(find("result-detail").getText().matches("Already inside since \\d{2}:\\d{2}, Door A"), find("result-detail").getText());
        screenshot("door-3-refused-already-inside");
        find("result-close").click();
        assertEquals("3", find("pending").getText());
        assertEquals("Offline: 3 waiting", find("network").getText());
        assertEquals("4", find("admitted").getText());

        // Back online: the three are sent in one batch and each is counted once by the server.
        browser.deleteNetworkConditions();
        await().atMost(Duration.ofSeconds(20)).until(() -> "0".equals(find("pending").getText()) && "Online".equals(find("network").getText()));
        assertEquals("4", find("admitted").getText());
        assertEquals("4", find("inside").getText());
        browser.executeScript("window.scrollTo(0, 0)");
        screenshot("door-4-synced");
        find("name").sendKeys("dijk");
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.findElements(By.cssSelector("#found li")).size() == 1);
        assertEquals("Edsger Dijkstra · Standing · inside", browser.findElement(By.cssSelector("#found li span")).getText());

        List<Object> scanned = new ArrayList<>(registrations);
        scanned.add(0, registrations.get(0));
        scanned.add(0, registrations.get(0));
        as(organizer).get("/api/check-in-lists/" + event + "/scans").then().statusCode(200).body("total", equalTo(6))
                .body("scans.result", containsInAnyOrder("admitted", "undone", "admitted", "admitted", "admitted", "admitted"))
                .body("scans.offline", containsInAnyOrder(false, false, false, true, true, true))
                .body("scans.device", everyItem(equalTo("Door A")))
                .body("scans.registration_id", containsInAnyOrder(scanned.toArray()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(organizer).get("/api/analytics/event/" + event).then()
                .statusCode(200).body("check_in_lists", equalTo(Map.of(event, Map.of("admitted_count", 4, "inside_count", 4)))));
    }

    private ChromeDriver startBrowser(Path camera) throws IOException {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-video-capture=" + camera, "--window-size=412,915",
                "--user-data-dir=" + Files.createTempDirectory(WORK.toAbsolutePath(), "profile-"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private WebElement find(String id) {
        return browser.findElement(By.id(id));
    }

    private WebElement awaitResult(String result) {
        await().atMost(Duration.ofSeconds(15)).until(() -> find("result").isDisplayed()
                && find("result").getAttribute("class").equals(result));
        return find("result");
    }

    private static ChromiumNetworkConditions offline() {
        ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
        conditions.setOffline(true);
        return conditions;
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * One 640×480 frame in YUV4MPEG2 (4:2:0), the ticket's QR image centred on white: what the fake camera plays in
     * a loop. qr-scanner looks at the middle square of the frame, where the code is.
     */
    private static void writeCameraFrame(BufferedImage qr, Path file) throws IOException {
        int width = 640;
        int height = 480;
        int side = 360;
        byte[] luma = new byte[width * height];
        java.util.Arrays.fill(luma, (byte) 235);
        int left = (width - side) / 2;
        int top = (height - side) / 2;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int rgb = qr.getRGB(x * qr.getWidth() / side, y * qr.getHeight() / side);
                boolean dark = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3 < 128;
                luma[(top + y) * width + left + x] = (byte) (dark ? 16 : 235);
            }
        }
        byte[] chroma = new byte[(width / 2) * (height / 2)];
        java.util.Arrays.fill(chroma, (byte) 128);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\nFRAME\n".getBytes(StandardCharsets.US_ASCII));
            out.write(luma);
            out.write(chroma);
            out.write(chroma);
        }
    }
}
