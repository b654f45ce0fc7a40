import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load benchmark of registration and door check-in, through the gateway of a running suite (./run.sh).
 *
 *   java bench/RegistrationBench.java [http://localhost:8000] [requests=4000] [concurrency=64]
 *
 * Prints registrations/s with p50/p99 under contention on one ticket type (and how many were oversold), with
 * unlimited capacity, and QR check-ins/s with p50/p99 for 32 concurrent scanners. Needs only a JDK 17.
 */
public class RegistrationBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String base;

    public static void main(String[] args) throws Exception {
        base = args.length > 0 ? args[0] : "http://localhost:8000";
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        String run = UUID.randomUUID().toString().substring(0, 8);

        String organizer = token("organizer-" + run);
        String staffEmail = "staff-" + run + "@bench.example.com";
        String staff = token("staff-" + run);
        String attendee = token("attendee-" + run);
        String org = field(call("POST", "/api/organizations", organizer, "{\"name\":\"Bench\",\"slug\":\"bench-" + run + "\"}", 201), "_id");
        call("POST", "/api/organizations/" + org + "/members", organizer, "{\"email\":\"" + staffEmail + "\",\"role\":\"STAFF\"}", 201);

        int capacity = requests / 4;
        String[] contended = event(organizer, org, "contended-" + run, capacity);
        String[] unlimited = event(organizer, org, "unlimited-" + run, -1);

        System.out.printf("Registration benchmark against %s: %d requests, %d concurrent%n%n", base, requests, concurrency);

        Result contention = load(requests, concurrency, i -> post("/api/registrations", attendee, registration(contended, "c" + i + "-" + run)));
        long created = contention.count(201);
        System.out.printf("Contention on one ticket type (capacity %d): %.0f registrations/s, p50 %.1f ms, p99 %.1f ms; "
                + "%d created, %d refused as sold out, oversold: %d%n", capacity, contention.rate(), contention.p(50),
                contention.p(99), created, contention.count(400), Math.max(0, created - capacity));

        ConcurrentLinkedQueue<String> codes = new ConcurrentLinkedQueue<>();
        Result open = load(requests, concurrency, i -> {
            HttpResponse<String> response = post("/api/registrations", attendee, registration(unlimited, "u" + i + "-" + run));
            if (response.statusCode() == 201) {
                codes.add(field(response.body(), "qr_code"));
            }
            return response;
        });
        System.out.printf("Unlimited capacity: %.0f registrations/s, p50 %.1f ms, p99 %.1f ms (%d created)%n",
                open.rate(), open.p(50), open.p(99), open.count(201));

        List<String> scans = new ArrayList<>(codes);
        Result door = load(scans.size(), 32, i -> post("/api/registrations/qr-check-in?qr_code=" + scans.get(i), staff, ""));
        System.out.printf("QR check-in, 32 scanners: %.0f check-ins/s, p50 %.1f ms, p99 %.1f ms (%d checked in)%n",
                door.rate(), door.p(50), door.p(99), door.count(200));
        if (created > capacity) {
            System.exit(1);
        }
    }

    static String[] event(String organizer, String org, String slug, int capacity) throws Exception {
        String event = field(call("POST", "/api/events", organizer, "{\"name\":\"" + slug + "\",\"slug\":\"" + slug
                + "\",\"organization_id\":\"" + org + "\",\"start_date\":\"2030-12-01T09:00:00Z\",\"end_date\":\"2030-12-01T18:00:00Z\"}", 201), "_id");
        String ticketType = field(call("POST", "/api/ticket-types", organizer, "{\"event_id\":\"" + event + "\",\"name\":\"GA\",\"price\":0"
                + (capacity >= 0 ? ",\"capacity\":" + capacity : "") + "}", 201), "_id");
        call("PATCH", "/api/events/" + event, organizer, "{\"status\":\"PUBLISHED\"}", 200);
        return new String[] { event, ticketType };
    }

    static String registration(String[] eventAndType, String who) {
        return "{\"event_id\":\"" + eventAndType[0] + "\",\"ticket_type_id\":\"" + eventAndType[1]
                + "\",\"first_name\":\"Bench\",\"last_name\":\"" + who + "\",\"email\":\"" + who + "@bench.example.com\"}";
    }

    static String token(String name) throws Exception {
        String body = "{\"email\":\"" + name + "@bench.example.com\",\"name\":\"" + name + "\",\"password\":\"bench-password-1\"}";
        return field(call("POST", "/api/auth/register", null, body, 201), "access_token");
    }

    record Result(List<Long> nanos, List<Integer> statuses, long elapsedNanos) {
        double rate() {
            return statuses.size() / (elapsedNanos / 1e9);
        }

        double p(int percentile) {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1)) / 1e6;
        }

        long count(int status) {
            return statuses.stream().filter(s -> s == status).count();
        }
    }

    static Result load(int requests, int concurrency, IntFunction<HttpResponse<String>> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = request.apply(i);
                    nanos.add(System.nanoTime() - t0);
                    statuses.add(response.statusCode());
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return new Result(nanos, statuses, System.nanoTime() - started);
    }

    static HttpResponse<String> post(String path, String token, String body) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String call(String method, String path, String token, String body, int expected) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("No " + name + " in " + json);
        }
        return m.group(1);
    }
}
