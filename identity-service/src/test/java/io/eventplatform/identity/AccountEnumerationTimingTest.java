package io.eventplatform.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.eventplatform.devstack.DevStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Whether an email has an account must not show in how long login, reset or register take. bcrypt runs at cost 10
 * here (tens of ms), so a path that skipped it for unknown accounts would differ by far more than the bound.
 */
@QuarkusTest
@WithTestResource(DevStackTestResource.class)
@TestProfile(AccountEnumerationTimingTest.RealisticHashing.class)
class AccountEnumerationTimingTest {

    /** Far below one bcrypt at cost 10 on this machine, far above a store read. */
    private static final long BOUND_MS = 25;
    private static final int SAMPLES = 11;
    private static final String PASSWORD = "a-Strong-enough-pass-1";

    public static class RealisticHashing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("eventplatform.accounts.bcrypt-cost", "10",
                    "eventplatform.accounts.login-throttle.account-failures", "1000",
                    "eventplatform.accounts.login-throttle.address-failures", "1000");
        }
    }

    /** Its own client address: the many failures here must not lock the address other tests log in from. */
    private static io.restassured.specification.RequestSpecification from() {
        return given().header("X-Forwarded-For", "192.0.2.10").contentType(ContentType.JSON);
    }

    private static String uniqueEmail() {
        return "timing-" + UUID.randomUUID() + "@example.com";
    }

    private static int register(String email) {
        return from().body(Map.of("email", email, "name", "T", "password", PASSWORD))
                .post("/api/auth/register").statusCode();
    }

    @Test
    void loginResetAndRegisterTakeAsLongForUnknownAndKnownEmails() {
        String known = uniqueEmail();
        register(known);
        assertAlike("login with a wrong password",
                () -> from().body(Map.of("email", known, "password", "wrong-password"))
                        .post("/api/auth/login").statusCode(),
                () -> from().body(Map.of("email", uniqueEmail(), "password", "wrong-password"))
                        .post("/api/auth/login").statusCode());
        // Each known email once: a second reset within a minute sends nothing, which would hide the path measured.
        java.util.Iterator<String> fresh = java.util.stream.Stream.generate(AccountEnumerationTimingTest::uniqueEmail)
                .limit(SAMPLES + 3).peek(AccountEnumerationTimingTest::register).toList().iterator();
        assertAlike("password reset",
                () -> from().body(Map.of("email", fresh.next())).post("/api/auth/password-reset")
                        .statusCode(),
                () -> from().body(Map.of("email", uniqueEmail()))
                        .post("/api/auth/password-reset").statusCode());
        assertAlike("register", () -> register(known), () -> register(uniqueEmail()));
    }

    /** Medians of alternating samples, after a warm-up of both. */
    private static void assertAlike(String what, Supplier<Integer> knownCall, Supplier<Integer> unknownCall) {
        for (int i = 0; i < 3; i++) {
            knownCall.get();
            unknownCall.get();
        }
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            known.add(timed(knownCall));
            unknown.add(timed(unknownCall));
        }
        long difference = Math.abs(median(known) - median(unknown));
        assertTrue(difference <= BOUND_MS, what + ": medians differ by " + difference + " ms (known " + known
                + ", unknown " + unknown + ")");
    }

    private static long timed(Supplier<Integer> call) {
        long started = System.nanoTime();
        call.get();
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
