package io.eventplatform.common.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Runs one endpoint against every kind of caller (the organization's roles from rbac.py, a non-member, a platform
 * administrator, no token, a forged token and an expired one) and compares the statuses with what is expected.
 */
public final class AuthorizationMatrix {

    public enum Caller { SUPER_ADMIN, ORGANIZER, STAFF, ATTENDEE, NON_MEMBER, PLATFORM_ADMIN, NO_TOKEN, FORGED, EXPIRED }

    /** A user of a fixture: forged and expired tokens are made for the fixture's ORGANIZER. */
    public record Identity(String id, String email, String token) {
    }

    private AuthorizationMatrix() {
    }

    /** The statuses for the callers with a say; a forged or expired token is always 401. */
    public static Map<Caller, Integer> expect(int superAdmin, int organizer, int staff, int attendee, int nonMember,
            int platformAdmin, int noToken) {
        Map<Caller, Integer> expected = new LinkedHashMap<>();
        expected.put(Caller.SUPER_ADMIN, superAdmin);
        expected.put(Caller.ORGANIZER, organizer);
        expected.put(Caller.STAFF, staff);
        expected.put(Caller.ATTENDEE, attendee);
        expected.put(Caller.NON_MEMBER, nonMember);
        expected.put(Caller.PLATFORM_ADMIN, platformAdmin);
        expected.put(Caller.NO_TOKEN, noToken);
        expected.put(Caller.FORGED, 401);
        expected.put(Caller.EXPIRED, 401);
        return expected;
    }

    /**
     * For each caller, the call made as that caller and its status. The callers expected to be refused go first and
     * share one fixture, since a refusal changes nothing (a call let through by mistake fails the check with its own
     * status); the first caller expected to succeed then uses it too, and every later one gets a fresh fixture (its
     * call may be destructive), unless the endpoint is a {@code GET}. {@code identities} names the fixture's user for
     * each role.
     */
    public static <F> void check(String endpoint, Map<Caller, Integer> expected, Supplier<F> fixtures,
            BiFunction<F, Caller, Identity> identities, BiFunction<F, RequestSpecification, Integer> call) {
        Map<Caller, Integer> actual = new EnumMap<>(Caller.class);
        boolean reads = endpoint.startsWith("GET ");
        F shared = fixtures.get();
        boolean sharedUsedBySuccess = false;
        List<Caller> refusedFirst = Arrays.stream(Caller.values())
                .sorted(Comparator.comparing(caller -> expected.getOrDefault(caller, 200) < 400)).toList();
        for (Caller caller : refusedFirst) {
            boolean refused = expected.getOrDefault(caller, 200) >= 400;
            F fixture = shared;
            if (!refused && !reads) {
                fixture = sharedUsedBySuccess ? fixtures.get() : shared;
                sharedUsedBySuccess = true;
            }
            F used = fixture;
            actual.put(caller, call.apply(used, as(caller, role -> identities.apply(used, role))));
        }
        assertEquals(expected, actual, endpoint);
    }

    private static RequestSpecification as(Caller caller, Function<Caller, Identity> identities) {
        RequestSpecification spec = given().contentType(ContentType.JSON);
        return switch (caller) {
            case NO_TOKEN -> spec;
            case FORGED -> {
                Identity organizer = identities.apply(Caller.ORGANIZER);
                yield spec.auth().oauth2(Tokens.forged(organizer.id(), organizer.email()));
            }
            case EXPIRED -> {
                Identity organizer = identities.apply(Caller.ORGANIZER);
                yield spec.auth().oauth2(Tokens.expired(organizer.id(), organizer.email()));
            }
            default -> spec.auth().oauth2(identities.apply(caller).token());
        };
    }
}
