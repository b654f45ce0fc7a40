package io.eventplatform.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import org.junit.jupiter.api.Test;

import io.eventplatform.gateway.StubUpstream;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * gateway.rate-limits.enabled=false (as in the other tests, and RATE_LIMITS=off ./run.sh): no limit, no header. The
 * service still gets the client's address, here the untrusted test JVM whatever it forwards.
 */
@QuarkusTest
@WithTestResource(StubUpstream.class)
class RateLimitsOffTest {

    @Test
    void nothingIsLimitedAndNoHeaderIsSent() {
        for (int i = 0; i <= 100; i++) { // one more than the default anonymous quota
            given().get("/api/auth/me").then().statusCode(200)
                    .header(RateLimitRoutes.POLICY, nullValue())
                    .header(RateLimitRoutes.RATE_LIMIT, nullValue());
        }
    }

    @Test
    void theServiceGetsThePeerAsTheOneForwardedAddress() {
        given().header("X-Forwarded-For", "6.6.6.6").header("Forwarded", "for=6.6.6.6").get("/api/auth/me").then()
                .statusCode(200)
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                .body("headers", not(hasKey("forwarded")));
    }
}
