package io.eventplatform.e2e.contract;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.eventplatform.e2e.support.SuiteIT;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The combined OpenAPI document at {@code /openapi.json}, read as a client generator reads it: it names every property
 * as the API reads it, requests built from it alone are accepted, and every operation it lists, fed bad input of every
 * kind (malformed ids, wrong JSON types, huge and negative numbers, huge strings, far dates, invalid JSON, duplicated
 * keys, Mongo operators in values and keys, deep nesting, bad query parameters), answers 4xx with a JSON
 * {@code detail}, never 5xx, and writes nothing it refused.
 */
class OpenApiContractIT extends SuiteIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SNAKE_CASE = Pattern.compile("^_?[a-z][a-z0-9]*(_[a-z0-9]+)*$");
    private static final String DEEP = "[".repeat(3000) + "]".repeat(3000);
    private static final String HUGE = "x".repeat(100_000);
    private static final List<String> FAR_DATES = List.of("+300000000-01-01T00:00:00Z", "-300000000-01-01T00:00:00Z",
            "10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "not a date");
    /** Operations whose valid request can be built from the document and the fixture, with what they create. */
    private static final List<String> CREATES = List.of("POST /api/auth/register", "POST /api/organizations", "POST /api/events",
            "POST /api/ticket-types", "POST /api/templates", "POST /api/registrations");

    private static JsonNode spec;
    private static String token;
    private static final Map<String, String> ids = new LinkedHashMap<>();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void fixture() throws IOException {
        spec = JSON.readTree(given().get("/openapi.json").then().statusCode(200).extract().asString());
        String ownerEmail = uniqueEmail("contract-owner");
        token = registerUser(ownerEmail, "Contract Owner", "contract-owner-pass-1").then().statusCode(201).extract().path("access_token");
        String memberEmail = uniqueEmail("contract-member");
        String memberId = registerUser(memberEmail, "Contract Member", "contract-owner-pass-1").then().statusCode(201).extract().path("user._id");
        String organizationId = call().body(Map.of("name", "Contract Org", "slug", "contract-" + shortId()))
                .post("/api/organizations").then().statusCode(201).extract().path("organization._id");
        given().auth().oauth2(platformAdminToken()).contentType(ContentType.JSON).body(Map.of("plan_type", "ENTERPRISE"))
                .patch("/api/organizations/" + organizationId).then().statusCode(200);
        call().body(Map.of("email", memberEmail, "role", "STAFF")).post("/api/organizations/" + organizationId + "/members")
                .then().statusCode(201);
        String slug = "contract-event-" + shortId();
        Map<String, Object> event = new LinkedHashMap<>(Map.of("name", "Contract Event", "slug", slug,
                "start_date", days(30), "end_date", days(31), "organization_id", organizationId));
        String eventId = call().body(event).post("/api/events").then().statusCode(201).extract().path("event._id");
        call().body(Map.of("status", "PUBLISHED")).patch("/api/events/" + eventId).then().statusCode(200);
        String ticketTypeId = call().body(Map.of("event_id", eventId, "name", "Free", "price", 0, "capacity", 10_000))
                .post("/api/ticket-types").then().statusCode(201).extract().path("ticket_type._id");
        String templateId = call().body(Map.of("name", "Contract Template", "organization_id", organizationId,
                "template_data", Map.of("venue", "Hall"))).post("/api/templates").then().statusCode(201).extract().path("template._id");
        Map<String, Object> registration = Map.of("event_id", eventId, "ticket_type_id", ticketTypeId, "first_name", "Jane",
                "last_name", "Smith", "email", uniqueEmail("contract-attendee"));
        Response registered = await().atMost(Duration.ofSeconds(30)).until(() -> call().body(registration).post("/api/registrations"),
                r -> r.statusCode() == 201);
        ids.put("organization", organizationId);
        ids.put("event", eventId);
        ids.put("ticket_type", ticketTypeId);
        ids.put("template", templateId);
        ids.put("check_in_list", eventId);
        ids.put("scan", "contract-scan");
        ids.put("registration", registered.path("registration._id"));
        ids.put("user", memberId);
        ids.put("slug", slug);
        ids.put("qr_code", registered.path("registration.qr_code"));
    }

    @Test
    void theContractNamesEveryPropertyAsTheApiReadsItAndBoundsEveryString() {
        List<String> problems = new ArrayList<>();
        spec.path("components").path("schemas").fields().forEachRemaining(schema -> schema.getValue().path("properties")
                .fieldNames().forEachRemaining(property -> {
                    if (!SNAKE_CASE.matcher(property).matches()) {
                        problems.add(schema.getKey() + "." + property + " is not snake_case");
                    }
                }));
        for (Operation operation : operations()) {
            JsonNode body = operation.bodySchema();
            if (body == null) {
                continue;
            }
            body.path("properties").fields().forEachRemaining(property -> {
                JsonNode schema = resolve(property.getValue());
                if ("string".equals(typeOf(schema)) && !schema.has("maxLength") && !schema.has("enum")
                        && !schema.has("pattern") && !"date-time".equals(schema.path("format").asText())) {
                    problems.add(operation + ": " + property.getKey() + " has no documented bound");
                }
            });
        }
        assertEquals(List.of(), problems);
        assertEquals("#/components/schemas/CreateOrganization", operation("POST /api/organizations").bodyRef());
        assertEquals("#/components/schemas/CreateRegistration", operation("POST /api/registrations").bodyRef());
        assertEquals("#/components/schemas/UpdateOrganization", operation("PATCH /api/organizations/{organizationId}").bodyRef());
        assertEquals("#/components/schemas/UpdateRegistration", operation("PATCH /api/registrations/{registrationId}").bodyRef());
        assertTrue(spec.path("components").path("schemas").path("CreateRegistration").path("properties").has("ticket_type_id"));
    }

    /** A client that knows only the document builds these requests; each is accepted and means what it says. */
    @Test
    void requestsGeneratedFromTheContractAreAccepted() throws IOException {
        for (String key : CREATES) {
            Operation operation = operation(key);
            ObjectNode body = validBody(operation.bodySchema());
            HttpResponse<String> response = send(operation.method, uri(operation.path, Map.of(), Map.of()), Map.of(), body.toString());
            assertTrue(response.statusCode() == 201 || response.statusCode() == 200, key + " " + body + " -> " + response.statusCode()
                    + " " + response.body());
            JsonNode created = JSON.readTree(response.body());
            JsonNode resource = created.size() == 1 || !created.has("user") ? created.elements().next() : created.get("user");
            body.fields().forEachRemaining(sent -> {
                JsonNode got = resource.get(sent.getKey());
                if (got != null && !got.isNull() && sent.getValue().isValueNode()) {
                    assertTrue(sameValue(sent.getValue(), got), key + ": sent " + sent.getKey() + "=" + sent.getValue() + ", got " + got);
                }
            });
        }
    }

    @Test
    void theGatewaysOwnRefusalsCarryADetail() throws IOException {
        String malformed = raw("/api/events/%zz");
        assertTrue(malformed.startsWith("HTTP/1.1 400") && malformed.contains("\"detail\""), malformed);
        String tooLong = raw("/api/events?search=" + "a".repeat(10_000));
        assertTrue(tooLong.startsWith("HTTP/1.1 414") && tooLong.contains("\"detail\""), tooLong);
    }

    /**
     * The largest legal template (every field at its limit, in characters JSON writes six bytes wide: about 1.7 MB) and
     * the event made from it (fifty ticket types at their limits) reach the services that learn of them only through
     * Kafka: each snapshot fits one record.
     */
    @Test
    void theLargestLegalAggregatesReachTheirConsumers() {
        String organizationId = call().body(Map.of("name", "Largest", "slug", "largest-" + shortId()))
                .post("/api/organizations").then().statusCode(201).extract().path("organization._id");
        List<Map<String, Object>> ticketTypes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ticketTypes.add(Map.of("name", "T" + widest(197) + String.format("%02d", i), "description", widest(5_000), "price", 999_999.99,
                    "capacity", 1_000_000, "is_early_bird", true, "early_bird_price", 1, "early_bird_ends", days(10)));
        }
        Map<String, Object> data = Map.of("description", widest(20_000), "venue", widest(300), "cover_image", widest(2_048),
                "logo", widest(2_048), "max_attendees", 1_000_000, "ticket_types", ticketTypes);
        String templateId = call().body(Map.of("name", "N" + widest(298) + "N", "description", widest(5_000),
                        "category", widest(200), "organization_id", organizationId, "template_data", data))
                .post("/api/templates").then().statusCode(201).extract().path("template._id");
        String eventId = call().body(Map.of("name", "Largest", "slug", "largest-" + shortId(), "start_date", days(30),
                        "end_date", days(31), "organization_id", organizationId, "template_id", templateId))
                .post("/api/events").then().statusCode(201).extract().path("event._id");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> call().get("/api/organizations/" + organizationId).then()
                .statusCode(200)
                .body("organization._count.templates", equalTo(1))
                .body("organization._count.events", equalTo(1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> call()
                .get("/api/analytics/dashboard?organization_id=" + organizationId + "&event_id=" + eventId).then()
                .statusCode(200).body("analytics.ticket_type_stats", hasSize(50)));
    }

    private static String widest(int length) {
        return "\u0001".repeat(length);
    }

    @Test
    void badInputIsRefusedWithADetailNeverA5xxAndWritesNothing() throws Exception {
        Map<String, Integer> before = counts();
        List<Probe> probes = new ArrayList<>();
        for (Operation operation : operations()) {
            probes.addAll(probes(operation));
        }
        assertTrue(probes.size() > 1000 && probes.size() < 6000, "probes: " + probes.size());

        Queue<String> failures = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Probe probe : probes) {
                done.add(pool.submit(() -> check(probe, failures, accepted)));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + probes.size() + " probes failed:\n"
                + String.join("\n", failures.stream().limit(40).toList()));

        Map<String, Integer> after = counts();
        Map<String, Integer> expected = new LinkedHashMap<>(before);
        expected.merge("events", acceptedCount(accepted, "POST /api/events") + acceptedCount(accepted, "POST /api/events/{eventId}/duplicate"), Integer::sum);
        expected.merge("ticket_types", acceptedCount(accepted, "POST /api/ticket-types"), Integer::sum);
        expected.merge("templates", acceptedCount(accepted, "POST /api/templates"), Integer::sum);
        expected.merge("registrations", acceptedCount(accepted, "POST /api/registrations"), Integer::sum);
        expected.merge("check_in_lists", acceptedCount(accepted, "POST /api/check-in-lists"), Integer::sum);
        expected.merge("organizations", acceptedCount(accepted, "POST /api/organizations"), Integer::sum);
        expected.merge("members", acceptedCount(accepted, "POST /api/organizations/{organizationId}/members"), Integer::sum);
        assertEquals(expected, after, "only accepted requests wrote anything (accepted: " + accepted + ")");
    }

    private static int acceptedCount(Map<String, AtomicInteger> accepted, String operation) {
        return accepted.getOrDefault(operation, new AtomicInteger()).get();
    }

    private static void check(Probe probe, Queue<String> failures, Map<String, AtomicInteger> accepted) {
        HttpResponse<String> response;
        try {
            response = send(probe.method, probe.uri, probe.headers, probe.body);
        } catch (IOException e) {
            failures.add(probe + " -> " + e);
            return;
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            accepted.computeIfAbsent(probe.operation, k -> new AtomicInteger()).incrementAndGet();
            if (probe.mustFail) {
                failures.add(probe + " -> accepted with " + status);
            }
        } else if (status >= 500) {
            failures.add(probe + " -> " + status + " " + abbreviate(response.body()));
        } else if (status >= 400 && !hasDetail(response)) {
            failures.add(probe + " -> " + status + " without a JSON detail: " + abbreviate(response.body()));
        }
    }

    private static boolean hasDetail(HttpResponse<String> response) {
        if (!response.headers().firstValue("content-type").orElse("").contains("json")) {
            return false;
        }
        try {
            JsonNode detail = JSON.readTree(response.body()).get("detail");
            return detail != null && (detail.isTextual() && !detail.asText().isBlank() || detail.isArray() && detail.size() > 0);
        } catch (IOException e) {
            return false;
        }
    }

    /** What the fixture's organization, event and owner hold, read through the API. */
    private static Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("events", call().get("/api/events?limit=1&organization_id=" + ids.get("organization")).then().statusCode(200)
                .extract().path("total"));
        counts.put("ticket_types", call().get("/api/ticket-types/event/" + ids.get("event")).then().statusCode(200)
                .extract().<List<?>>path("ticket_types").size());
        counts.put("templates", call().get("/api/templates?organization_id=" + ids.get("organization")).then().statusCode(200)
                .extract().<List<?>>path("templates").size());
        counts.put("registrations", call().get("/api/registrations?limit=1&event_id=" + ids.get("event")).then().statusCode(200)
                .extract().path("total"));
        counts.put("check_in_lists", call().get("/api/check-in-lists?event_id=" + ids.get("event")).then().statusCode(200)
                .extract().<List<?>>path("check_in_lists").size());
        counts.put("organizations", call().get("/api/organizations").then().statusCode(200).extract().<List<?>>path("organizations").size());
        counts.put("members", call().get("/api/organizations/" + ids.get("organization") + "/members").then().statusCode(200)
                .extract().<List<?>>path("members").size());
        return counts;
    }

    // ---- the probes of one operation ----

    private List<Probe> probes(Operation operation) {
        List<Probe> probes = new ArrayList<>();
        Map<String, String> path = new LinkedHashMap<>();
        operation.pathParameters().forEach(name -> path.put(name, idFor(name)));
        Map<String, String> query = new LinkedHashMap<>();
        operation.queryParameters().forEach(name -> {
            String id = idFor(name);
            if (id != null) {
                query.put(name, id);
            }
        });
        for (String name : operation.pathParameters()) {
            for (String bad : List.of("abc", "$where", "a.b", "{\"$gt\":\"\"}", "-1", "\u0000", "0".repeat(24), "x".repeat(3000),
                    "65f1a2b3c4d5e6f708192a3b' || '1'=='1")) {
                Map<String, String> mutated = new LinkedHashMap<>(path);
                mutated.put(name, bad);
                probes.add(new Probe(operation, "path " + name + "=" + abbreviate(bad), uri(operation.path, mutated, query),
                        Map.of(), operation.bodySchema() == null ? null : "{}", true));
            }
        }
        if (operation.method.equals("DELETE") || operation.key().equals("POST /api/events/{eventId}/duplicate")) {
            return probes;
        }
        for (String name : operation.queryParameters()) {
            for (String bad : List.of("", "abc", "-1", "0", "99999999999999999999", "1e400", "NaN", "+300000000-01-01T00:00:00Z",
                    "{\"$gt\":\"\"}", "$where", "a.b", "x".repeat(3000), "\u0000", "true", "[]")) {
                Map<String, String> mutated = new LinkedHashMap<>(query);
                mutated.put(name, bad);
                probes.add(new Probe(operation, "query " + name + "=" + abbreviate(bad), uri(operation.path, path, mutated), Map.of(),
                        operation.bodySchema() == null ? null : baseBody(operation).toString(),
                        !isValidQueryValue(typeOf(resolve(operation.parameterSchema(name))), bad)));
            }
        }
        for (String name : operation.headerParameters()) {
            for (String bad : List.of("", "x".repeat(3000), "$where")) {
                probes.add(new Probe(operation, "header " + name, uri(operation.path, path, query), Map.of(name, bad),
                        operation.bodySchema() == null ? null : baseBody(operation).toString(), false));
            }
        }
        JsonNode schema = operation.bodySchema();
        if (schema == null) {
            return probes;
        }
        URI target = uri(operation.path, path, query);
        for (String body : List.of("{", "{\"a\":}", "[]", "null", "123", "\"text\"", "{\"a\":" + DEEP + "}", "nul")) {
            probes.add(new Probe(operation, "body " + abbreviate(body), target, Map.of(), body, true));
        }
        ObjectNode base = baseBody(operation);
        Iterator<Map.Entry<String, JsonNode>> first = base.fields();
        String duplicated = first.hasNext()
                ? "{" + JSON.valueToTree(first.next().getKey()) + ":" + base.elements().next() + "," + base.toString().substring(1)
                : "{\"a\":1,\"a\":2}";
        probes.add(new Probe(operation, "body with a duplicated key", target, Map.of(), duplicated, true));
        ObjectNode mongoKeys = baseBody(operation);
        mongoKeys.put("$where", "1").put("a.b", 1).set("$gt", NODES.objectNode());
        probes.add(new Probe(operation, "body with Mongo keys", target, Map.of(), mongoKeys.toString(), false));
        probes.add(new Probe(operation, "body as text/plain", target, Map.of("Content-Type", "text/plain"), base.toString(),
                !operation.key().equals("POST /api/auth/login")));
        schema.path("properties").fields().forEachRemaining(property -> {
            for (BadValue bad : badValues(property.getKey(), resolve(property.getValue()))) {
                probes.add(new Probe(operation, property.getKey() + "=" + abbreviate(bad.json), target, Map.of(),
                        withRaw(baseBody(operation), property.getKey(), bad.json), bad.mustFail));
            }
        });
        return probes;
    }

    /** Whether a query value is of its documented type (an empty value counts as absent); text is always. */
    private static boolean isValidQueryValue(String type, String value) {
        return switch (type) {
            case "boolean" -> value.isEmpty() || value.equals("true") || value.equals("false");
            case "integer" -> value.isEmpty() || value.matches("-?\\d{1,9}");
            default -> true;
        };
    }

    /** The bad values of one property, and whether each must be refused whatever the rest of the body is. */
    private static List<BadValue> badValues(String name, JsonNode schema) {
        List<BadValue> values = new ArrayList<>();
        String type = typeOf(schema);
        values.add(new BadValue(DEEP, true));
        values.add(new BadValue("{\"$gt\":\"\"}", !type.equals("object")));
        values.add(new BadValue("[{\"$where\":\"1\"}]", !type.equals("array")));
        if (schema.has("enum")) {
            values.add(new BadValue("\"NOT_A_VALUE\"", true));
            values.add(new BadValue("1", true));
            values.add(new BadValue("\"$where\"", true));
            return values;
        }
        switch (type) {
            case "string" -> {
                if ("date-time".equals(schema.path("format").asText()) || "date".equals(schema.path("format").asText())) {
                    FAR_DATES.forEach(date -> values.add(new BadValue(text(date), true)));
                    values.add(new BadValue("1700000000", true));
                } else {
                    values.add(new BadValue("12345", true));
                    values.add(new BadValue("true", true));
                    values.add(new BadValue(text(HUGE), true));
                    for (String odd : List.of("$where", "a.b", "$gt", "", "nul\u0000 and \u0001 control", "<script>alert(1)</script>")) {
                        values.add(new BadValue(text(odd), false));
                    }
                }
            }
            case "integer" -> {
                values.add(new BadValue("4294967295", true));
                values.add(new BadValue("99999999999999999999999", true));
                values.add(new BadValue("1.5", true));
                values.add(new BadValue("1e400", true));
                values.add(new BadValue("\"abc\"", true));
                values.add(new BadValue("-1", schema.has("minimum") && schema.get("minimum").asDouble() >= 0));
                if (schema.has("maximum")) {
                    values.add(new BadValue(String.valueOf(schema.get("maximum").asLong() + 1), true));
                }
            }
            case "number" -> {
                values.add(new BadValue("1e400", true));
                values.add(new BadValue("\"NaN\"", true));
                values.add(new BadValue("\"Infinity\"", true));
                values.add(new BadValue("\"abc\"", true));
                values.add(new BadValue("1e13", schema.has("maximum")));
                values.add(new BadValue("0.001", schema.has("maximum")));
                values.add(new BadValue("-1", schema.has("minimum") && schema.get("minimum").asDouble() >= 0));
            }
            case "boolean" -> {
                values.add(new BadValue("\"maybe\"", true));
                values.add(new BadValue("{}", true));
            }
            case "array" -> {
                values.add(new BadValue("\"abc\"", true));
                values.add(new BadValue("{}", true));
                values.add(new BadValue("[" + "{},".repeat(1000) + "{}]", schema.has("maxItems")));
            }
            default -> {
                values.add(new BadValue("\"abc\"", true));
                values.add(new BadValue("12", true));
                if (schema.has("additionalProperties")) {
                    for (String key : List.of("$where", "a.b", "", "nul\u0000", "k".repeat(500))) {
                        values.add(new BadValue("{" + text(key) + ":1}", true));
                    }
                    values.add(new BadValue("{\"n\":1e400}", true));
                    values.add(new BadValue("{\"n\":100000000000000000000000}", true));
                    values.add(new BadValue("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}", true));
                    values.add(new BadValue("{\"s\":" + text(HUGE) + "}", true));
                }
            }
        }
        return values;
    }

    /** A valid body for the operations that create something (fresh names each time), an empty one otherwise. */
    private ObjectNode baseBody(Operation operation) {
        return CREATES.contains(operation.key()) ? validBody(operation.bodySchema()) : NODES.objectNode();
    }

    private static String withRaw(ObjectNode body, String property, String rawValue) {
        body.remove(property);
        String rest = body.toString();
        return "{" + JSON.valueToTree(property) + ":" + rawValue + (rest.length() > 2 ? "," + rest.substring(1) : "}");
    }

    // ---- valid requests from the document ----

    /** Every documented property with a value that the document's types, formats and names call for. */
    private static ObjectNode validBody(JsonNode schema) {
        ObjectNode body = NODES.objectNode();
        resolve(schema).path("properties").fields().forEachRemaining(p -> body.set(p.getKey(), validValue(p.getKey(), resolve(p.getValue()))));
        return body;
    }

    private static JsonNode validValue(String name, JsonNode schema) {
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        if (name.endsWith("_id")) {
            return NODES.textNode(ids.get(name.substring(0, name.length() - 3)));
        }
        String type = typeOf(schema);
        if ("date-time".equals(schema.path("format").asText())) {
            return NODES.textNode(switch (name) {
                case "start_date" -> days(30);
                case "end_date" -> days(31);
                case "registration_open_date", "valid_from" -> days(-1);
                case "registration_close_date", "valid_until" -> days(29);
                default -> days(10);
            });
        }
        switch (type) {
            case "integer":
                return NODES.numberNode(switch (name) {
                    case "capacity" -> 100;
                    case "max_attendees" -> 500;
                    default -> Math.max(1, schema.path("minimum").asInt(1));
                });
            case "number":
                return NODES.numberNode(name.equals("early_bird_price") ? 50.5 : 100.25);
            case "boolean":
                return NODES.booleanNode(name.equals("is_early_bird") || name.equals("is_active"));
            case "array":
                ArrayNode items = NODES.arrayNode();
                items.add(validValue(name, resolve(schema.path("items"))));
                return items;
            case "object":
                if (schema.has("properties")) {
                    return validBody(schema);
                }
                return NODES.objectNode().put("answer", "yes");
            default:
                return NODES.textNode(switch (name) {
                    case "email" -> "generated-" + shortId() + "@example.com";
                    case "slug" -> "generated-" + shortId();
                    case "password" -> "generated-password";
                    case "phone" -> "+1 555 0100";
                    case "timezone" -> "Europe/Berlin";
                    case "currency" -> "EUR";
                    case "primary_color" -> "#1a2b3c";
                    case "source" -> "newsletter";
                    case "website", "virtual_url", "logo", "cover_image", "avatar" -> "https://example.com/" + name + ".png";
                    default -> "Generated " + name.replace('_', ' ');
                });
        }
    }

    private static boolean sameValue(JsonNode sent, JsonNode got) {
        if (sent.isNumber() && got.isNumber()) {
            return sent.asDouble() == got.asDouble();
        }
        if (sent.isTextual() && got.isTextual() && sent.asText().matches("\\d{4}-.*T.*Z")) {
            return Instant.parse(sent.asText()).equals(Instant.parse(got.asText()));
        }
        return sent.equals(got);
    }

    // ---- the document ----

    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (List.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), method.getValue()));
            }
        }));
        assertTrue(operations.size() > 40, "operations documented: " + operations.size());
        return operations;
    }

    private Operation operation(String key) {
        return operations().stream().filter(o -> o.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " is not documented"));
    }

    private static JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        while (current.has("$ref")) {
            String name = current.get("$ref").asText().substring("#/components/schemas/".length());
            current = spec.path("components").path("schemas").path(name);
        }
        if (current.has("allOf") && current.get("allOf").size() == 1) {
            return resolve(current.get("allOf").get(0));
        }
        return current;
    }

    /** The schema's type; OpenAPI 3.1 may list it with "null". */
    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") || schema.has("additionalProperties") ? "object" : "";
    }

    private static String idFor(String parameter) {
        String name = parameter.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
        if (name.equals("slug") || name.equals("qr_code")) {
            return ids.get(name);
        }
        return name.endsWith("_id") ? ids.get(name.substring(0, name.length() - 3)) : null;
    }

    record Operation(String method, String path, JsonNode node) {
        String key() {
            return method + " " + path;
        }

        List<String> pathParameters() {
            return parameters("path");
        }

        List<String> queryParameters() {
            return parameters("query");
        }

        List<String> headerParameters() {
            return parameters("header");
        }

        private List<String> parameters(String in) {
            List<String> names = new ArrayList<>();
            parameterNodes().forEach(parameter -> {
                if (in.equals(parameter.path("in").asText())) {
                    names.add(parameter.path("name").asText());
                }
            });
            return names;
        }

        JsonNode parameterSchema(String name) {
            return parameterNodes().stream().filter(p -> name.equals(p.path("name").asText())).findFirst()
                    .map(p -> p.path("schema")).orElse(NODES.objectNode());
        }

        private List<JsonNode> parameterNodes() {
            List<JsonNode> parameters = new ArrayList<>();
            node.path("parameters").forEach(p -> parameters.add(p.has("$ref") ? spec.at(p.get("$ref").asText().substring(1)) : p));
            return parameters;
        }

        String bodyRef() {
            return node.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText(null);
        }

        JsonNode bodySchema() {
            JsonNode schema = node.path("requestBody").path("content").path("application/json").path("schema");
            if (schema.isMissingNode()) {
                return null;
            }
            JsonNode resolved = resolve(schema);
            return "object".equals(typeOf(resolved)) ? resolved : null;
        }

        @Override
        public String toString() {
            return key();
        }
    }

    record Probe(String operation, String method, String what, URI uri, Map<String, String> headers, String body, boolean mustFail) {
        Probe(Operation operation, String what, URI uri, Map<String, String> headers, String body, boolean mustFail) {
            this(operation.key(), operation.method, what, uri, headers, body, mustFail);
        }

        @Override
        public String toString() {
            return operation + " [" + what + "]" + (body == null ? "" : " body " + abbreviate(body));
        }
    }

    record BadValue(String json, boolean mustFail) {
    }

    // ---- HTTP ----

    private static io.restassured.specification.RequestSpecification call() {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static HttpResponse<String> send(String method, URI uri, Map<String, String> headers, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static URI uri(String template, Map<String, String> path, Map<String, String> query) {
        String target = template;
        for (Map.Entry<String, String> parameter : path.entrySet()) {
            target = target.replace("{" + parameter.getKey() + "}", encode(parameter.getValue()));
        }
        StringBuilder uri = new StringBuilder(suite.gatewayUrl()).append(target);
        String separator = "?";
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            uri.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = "&";
        }
        return URI.create(uri.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Clients refuse to send a malformed request target, so this one is written by hand. */
    private static String raw(String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", suite.gatewayPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String text(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String days(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 12);
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 120 ? printable.substring(0, 120) + "…(" + text.length() + ")" : printable;
    }
}
