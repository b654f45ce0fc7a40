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
 * Load benchmarks through the gateway of a running suite (./run.sh). Needs only a JDK 17.
 *
 *   java bench/Bench.java registration [http://localhost:8000] [requests=4000] [concurrency=64]
 *     registrations/s with p50/p99 under contention on one ticket type (and how many were oversold), with unlimited
 *     capacity, and QR check-ins/s with p50/p99 for 32 concurrent scanners.
 *
 *   java bench/Bench.java analytics [http://localhost:8000] [sizes=1000,10000,100000] [concurrency=64]
 *     registers attendees for one event up to each size at full speed, measuring how long each registration takes
 *     to show on the dashboard (projection lag p50/p99), then the dashboard's latency p50/p99 at that size.
 */
public class Bench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern TOTAL = Pattern.compile("\"total_registrations\":(\\d+)");
    static String base;

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "registration";
        base = args.length > 1 ? args[1] : "http://localhost:8000";
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        switch (mode) {
            case "registration" -> registration(args.length > 2 ? Integer.parseInt(args[2]) : 4000, concurrency);
            case "analytics" -> analytics(args.length > 2 ? args[2] : "1000,10000,100000", concurrency);
            default -> throw new IllegalArgumentException("Unknown benchmark " + mode + " (registration or analytics)");
        }
    }

    static void registration(int requests, int concurrency) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);

        String organizer = token("organizer-" + run);
        String staffEmail = "staff-" + run + "@bench.example.com";
        String staffToken = token("staff-" + run);
        String attendee = token("attendee-" + run);
        String org = field(call("POST", "/api/organizations", organizer, "{\"name\":\"Bench\",\"slug\":\"bench-" + run + "\"}", 201), "_id");
        // The prototype has no members API: there the organizer scans at the door.
        boolean staffAdded = post("/api/organizations/" + org + "/members", organizer,
                "{\"email\":\"" + staffEmail + "\",\"role\":\"STAFF\"}").statusCode() == 201;
        String staff = staffAdded ? staffToken : organizer;

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

        // The door opens on the day, not during the on-sale rush: let the consumers of the rush catch up first.
        Thread.sleep(Duration.ofSeconds(20).toMillis());
        List<String> scans = new ArrayList<>(codes);
        Result door = load(scans.size(), 32, i -> post("/api/registrations/qr-check-in?qr_code=" + scans.get(i), staff, ""));
        System.out.printf("QR check-in, 32 scanners: %.0f check-ins/s, p50 %.1f ms, p99 %.1f ms (%d checked in)%n",
                door.rate(), door.p(50), door.p(99), door.count(200));
        if (created > capacity) {
            System.exit(1);
        }
    }

    static void analytics(String sizes, int concurrency) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String organizer = token("organizer-" + run);
        String attendee = token("attendee-" + run);
        String org = field(call("POST", "/api/organizations", organizer, "{\"name\":\"Bench\",\"slug\":\"bench-" + run + "\"}", 201), "_id");
        String[] event = event(organizer, org, "analytics-" + run, -1);
        String dashboard = "/api/analytics/dashboard?organization_id=" + org + "&event_id=" + event[0];
        System.out.printf("Analytics benchmark against %s: %d concurrent registrants%n%n", base, concurrency);

        int registered = 0;
        for (String size : sizes.split(",")) {
            int target = Integer.parseInt(size.trim());
            // Shown counts sampled while registrations come in: [nanoTime, total_registrations].
            List<long[]> samples = Collections.synchronizedList(new ArrayList<>());
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    HttpResponse<String> response = get(dashboard, organizer);
                    long shown = response.statusCode() == 200 ? total(response.body()) : -1;
                    samples.add(new long[] { System.nanoTime(), shown });
                }
            });
            sampler.start();
            int offset = registered;
            List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
            Result load = load(target - registered, concurrency, i -> {
                HttpResponse<String> response = post("/api/registrations", attendee, registration(event, "a" + (offset + i) + "-" + run));
                if (response.statusCode() == 201) {
                    acknowledged.add(System.nanoTime());
                }
                return response;
            });
            registered = target;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((samples.isEmpty() || samples.get(samples.size() - 1)[1] < offset + acknowledged.size())
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            sampler.interrupt();
            sampler.join();
            List<Long> lags = lags(acknowledged, offset, samples);
            Result reads = load(2000, 8, i -> get(dashboard, organizer));
            System.out.printf("%,d registrations (%.0f/s while loading): projection lag p50 %.0f ms, p99 %.0f ms; "
                    + "dashboard p50 %.1f ms, p99 %.1f ms (%d reads, %d not 200)%n", target, load.rate(),
                    percentile(lags, 50), percentile(lags, 99), reads.p(50), reads.p(99), reads.nanos().size(),
                    reads.nanos().size() - reads.count(200));
        }
        // The other consumers (event-service's counts) may still be catching up; read again once the suite is at rest.
        Thread.sleep(Duration.ofSeconds(30).toMillis());
        Result rest = load(2000, 8, i -> get(dashboard, organizer));
        System.out.printf("At rest, %,d registrations: dashboard p50 %.1f ms, p99 %.1f ms%n", registered, rest.p(50), rest.p(99));
    }

    /** For the i-th acknowledged registration, the time until a dashboard read begun after it showed at least i. */
    static List<Long> lags(List<Long> acknowledged, int offset, List<long[]> samples) {
        List<Long> acks = new ArrayList<>(acknowledged);
        Collections.sort(acks);
        List<long[]> shown = new ArrayList<>(samples);
        List<Long> lags = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < acks.size(); i++) {
            long ack = acks.get(i);
            long needed = offset + i + 1;
            while (k < shown.size() && (shown.get(k)[0] < ack || shown.get(k)[1] < needed)) {
                k++;
            }
            if (k < shown.size()) {
                lags.add(shown.get(k)[0] - ack);
            }
        }
        return lags;
    }

    static double percentile(List<Long> nanos, int percentile) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    static long total(String json) {
        Matcher m = TOTAL.matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
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
            return percentile(nanos, percentile);
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
        return send("POST", path, token, body);
    }

    static HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, "");
    }

    static HttpResponse<String> send(String method, String path, String token, String body) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String call(String method, String path, String token, String body, int expected) {
        HttpResponse<String> response = send(method, path, token, body);
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
