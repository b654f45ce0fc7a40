import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Black-box benchmarks through port 8000, the same for the suite (./run.sh) and the prototype
 * (../shared/seed/run/start.sh). Needs only a JDK 17.
 *
 *   java bench/Bench.java registration [url=http://localhost:8000] [requests=5000] [clients=32] [options]
 *     issue 13's scenarios: a rush of 400 registrations for 100 seats (oversold count), registrations with open
 *     capacity, QR check-in with 32 scanners and with one scanner, and the dashboard's latency. With the CPU seconds
 *     per request and the resident memory of every process of the suite or the prototype found on this machine.
 *       --rush=400              registrations in the rush (seats: a quarter of them)
 *       --preload-file=FILE     read the dashboard of the event that `preload` filled (FILE as written by preload)
 *       --allow-oversell        exit 0 even if the rush oversold (the prototype does)
 *       --label=NAME --out=FILE write the figures as properties, for `table`
 *       --suite-dir=DIR         measure only the processes of the suite built in DIR (else any found)
 *
 *   java bench/Bench.java preload [url] [registrations=100000] [clients=64] --preload-file=FILE
 *     fills one new event with registrations as fast as the target takes them, waits until it is idle again, and
 *     says how many registrations the event holds (through the list endpoint, when it counts them).
 *
 *   java bench/Bench.java table A.properties B.properties
 *     a markdown table of two `registration --out` files side by side, with the ratio B ÷ A.
 *
 *   java bench/Bench.java door [url] [scans=20000] [devices=4] [--batch=100] [--out=FILE]
 *     issue 15's door (the suite only: the prototype has no check-in lists): online scans one at a time at the event's
 *     default list and at a second entrance (p50/p99 by list), then offline scans synced by `devices` devices at once
 *     in batches of `batch` (scans applied per second), and one batch sent again (every scan answered as a repeat).
 *
 *   java bench/Bench.java analytics [url] [sizes=1000,10000,100000] [concurrency=64]
 *     registers attendees for one event up to each size at full speed, measuring how long each registration takes
 *     to show on the dashboard (projection lag p50/p99), then the dashboard's latency p50/p99 at that size.
 */
public class Bench {

    // HTTP/1.1 for both targets: uvicorn refuses the h2c upgrade the JDK client would try first.
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern TOTAL_REGISTRATIONS = Pattern.compile("\"total_registrations\":(\\d+)");
    static final Pattern LIST_TOTAL = Pattern.compile("\"total\":(\\d+)");
    static final String PASSWORD = "bench-password-1";
    static final int SCANNERS = 32;

    static String base;
    static final Map<String, String> options = new HashMap<>();
    static final Properties results = new Properties();
    static final Map<String, String> costs = new HashMap<>();

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                String[] kv = arg.substring(2).split("=", 2);
                options.put(kv[0], kv.length > 1 ? kv[1] : "true");
            } else {
                positional.add(arg);
            }
        }
        String mode = positional.isEmpty() ? "registration" : positional.get(0);
        base = positional.size() > 1 ? positional.get(1) : "http://localhost:8000";
        switch (mode) {
            case "registration" -> registration(number(positional, 2, 5000), number(positional, 3, 32));
            case "preload" -> preload(number(positional, 2, 100_000), number(positional, 3, 64));
            case "table" -> table(Path.of(positional.get(1)), Path.of(positional.get(2)));
            case "analytics" -> analytics(positional.size() > 2 ? positional.get(2) : "1000,10000,100000", number(positional, 3, 64));
            case "door" -> door(number(positional, 2, 20_000), number(positional, 3, 4));
            default -> throw new IllegalArgumentException("Unknown benchmark " + mode + " (registration, preload, table, analytics or door)");
        }
    }

    static int number(List<String> positional, int index, int otherwise) {
        return positional.size() > index ? Integer.parseInt(positional.get(index)) : otherwise;
    }

    // ---------------------------------------------------------------------------------------------- registration

    static void registration(int requests, int clients) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int rush = Integer.parseInt(options.getOrDefault("rush", "400"));
        int seats = rush / 4;

        String organizer = token("organizer-" + run);
        String staffToken = token("staff-" + run);
        String attendee = token("attendee-" + run);
        String org = field(call("POST", "/api/organizations", organizer, "{\"name\":\"Bench\",\"slug\":\"bench-" + run + "\"}", 201), "_id");
        // The prototype has no members API: there the organizer scans at the door.
        boolean staffAdded = post("/api/organizations/" + org + "/members", organizer,
                "{\"email\":\"staff-" + run + "@bench.example.com\",\"role\":\"STAFF\"}").statusCode() == 201;
        String staff = staffAdded ? staffToken : organizer;
        String[] rushEvent = event(organizer, org, "rush-" + run, seats);
        String[] openEvent = event(organizer, org, "open-" + run, -1);

        System.out.printf("Registration benchmark against %s: rush %d for %d seats, %d with open capacity, %d clients%n",
                base, rush, seats, requests, clients);
        System.out.println("Processes measured: " + (Processes.FOUND.isEmpty() ? "none found" : Processes.FOUND)
                + "; load average before: " + Files.readString(Path.of("/proc/loadavg")).trim());
        results.put("label", options.getOrDefault("label", base));

        measureIdle();
        Result rushed = measure("rush", () -> load(rush, clients, i -> post("/api/registrations", attendee, registration(rushEvent, "r" + i + "-" + run))));
        long created = rushed.count(201);
        long oversold = Math.max(0, created - seats);
        System.out.printf("Rush, %d registrations for %d seats: %.0f/s, p50 %.1f ms, p99 %.1f ms; %d created, %d refused, "
                + "%d failed, oversold: %d%n", rush, seats, rushed.rate(), rushed.p(50), rushed.p(99), created,
                rushed.count(400) + rushed.count(409), rushed.failed(), oversold);
        record("rush", rushed);
        results.put("rush.oversold", String.valueOf(oversold));

        ConcurrentLinkedQueue<String> codes = new ConcurrentLinkedQueue<>();
        Result open = measure("open", () -> load(requests, clients, i -> {
            HttpResponse<String> response = post("/api/registrations", attendee, registration(openEvent, "o" + i + "-" + run));
            if (response.statusCode() == 201) {
                codes.add(field(response.body(), "qr_code"));
            }
            return response;
        }));
        System.out.printf("Open capacity: %.0f registrations/s, p50 %.1f ms, p99 %.1f ms (%d created, %d failed)%n",
                open.rate(), open.p(50), open.p(99), open.count(201), open.requests() - open.count(201));
        record("open", open);

        // The door opens on the day, not during the on-sale rush: the consumers of the rush catch up first (each
        // measure ends once the processes are idle; without them in view, a pause).
        List<String> scans = new ArrayList<>(codes);
        List<String> oneByOne = scans.subList(0, Math.min(500, scans.size() / 5));
        List<String> crowd = scans.subList(oneByOne.size(), scans.size());
        settle(20);
        Result door = measure("door32", () -> load(crowd.size(), SCANNERS, i -> post("/api/registrations/qr-check-in?qr_code=" + crowd.get(i), staff, "")));
        System.out.printf("QR check-in, %d scanners: %.0f check-ins/s, p50 %.1f ms, p99 %.1f ms (%d checked in, %d not 200)%n",
                SCANNERS, door.rate(), door.p(50), door.p(99), door.count(200), door.requests() - door.count(200));
        record("door32", door);

        Result single = measure("door1", () -> load(oneByOne.size(), 1, i -> post("/api/registrations/qr-check-in?qr_code=" + oneByOne.get(i), staff, "")));
        System.out.printf("QR check-in, one scanner: %.0f check-ins/s, p50 %.1f ms, p99 %.1f ms (%d checked in)%n",
                single.rate(), single.p(50), single.p(99), single.count(200));
        record("door1", single);

        dashboard(organizer, org, openEvent[0], open.count(201));

        write();
        if (oversold > 0 && !options.containsKey("allow-oversell")) {
            System.exit(1);
        }
    }

    /** The dashboard of the preloaded event if there is one (the largest we know), else of the open-capacity event. */
    static void dashboard(String organizer, String org, String event, long registrations) throws Exception {
        String token = organizer;
        String preloadFile = options.get("preload-file");
        if (preloadFile != null) {
            Properties preloaded = load(Path.of(preloadFile));
            token = login(preloaded.getProperty("user"));
            org = preloaded.getProperty("organization");
            event = preloaded.getProperty("event");
            registrations = Long.parseLong(preloaded.getProperty("stored"));
            results.put("stored", preloaded.getProperty("stored"));
        }
        String path = "/api/analytics/dashboard?organization_id=" + org + "&event_id=" + event;
        String reader = token;
        // Up to 2,000 reads by 8 readers, but no longer than 30 s: the prototype takes seconds per read at 100,000.
        Result reads = measure("dashboard", () -> load(2000, 8, Duration.ofSeconds(30), i -> get(path, reader)));
        System.out.printf("Dashboard of an event with %,d registrations: p50 %.1f ms, p99 %.1f ms (%d reads, %d not 200)%n",
                registrations, reads.p(50), reads.p(99), reads.requests(), reads.requests() - reads.count(200));
        record("dashboard", reads);
        // One reader at a time, as an organizer's browser reads it: latency without other readers queued ahead.
        Result alone = load(300, 1, Duration.ofSeconds(30), i -> get(path, reader));
        System.out.printf("Dashboard, one reader at a time: p50 %.1f ms, p99 %.1f ms (%d reads, %d not 200)%n",
                alone.p(50), alone.p(99), alone.requests(), alone.requests() - alone.count(200));
        results.put("dashboard1.p50", format(alone.p(50)));
        results.put("dashboard1.p99", format(alone.p(99)));
        results.put("dashboard.registrations", String.valueOf(registrations));
    }

    /** Prints what `measure` found the scenario cost, and keeps its figures. */
    static void record(String scenario, Result result) {
        if (costs.containsKey(scenario)) {
            System.out.println(costs.get(scenario));
        }
        results.put(scenario + ".rate", format(result.rate()));
        results.put(scenario + ".p50", format(result.p(50)));
        results.put(scenario + ".p99", format(result.p(99)));
        results.put(scenario + ".requests", String.valueOf(result.requests()));
    }

    static void write() throws IOException {
        String out = options.get("out");
        if (out != null) {
            try (Writer writer = Files.newBufferedWriter(Path.of(out))) {
                results.store(writer, "Bench registration against " + base);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- preload

    static void preload(int registrations, int clients) throws Exception {
        String file = options.get("preload-file");
        if (file == null) {
            throw new IllegalArgumentException("preload needs --preload-file=FILE (where it says which event it filled)");
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        String user = "preload-" + run;
        String organizer = token(user);
        String attendee = token("preload-attendee-" + run);
        String org = field(call("POST", "/api/organizations", organizer, "{\"name\":\"Preload\",\"slug\":\"preload-" + run + "\"}", 201), "_id");
        String[] event = event(organizer, org, "preload-" + run, -1);
        String list = "/api/registrations?event_id=" + event[0] + "&page=1&limit=1";
        // Only a paginated list says how many there are; the prototype's would send all of them at once.
        boolean counts = LIST_TOTAL.matcher(get(list, organizer).body()).find();

        System.out.printf("Preloading %,d registrations into one event through %s, %d clients%n", registrations, base, clients);
        Result load = load(registrations, clients, i -> post("/api/registrations", attendee, registration(event, "p" + i + "-" + run)));
        long created = load.count(201);
        System.out.printf("Preloaded: %.0f registrations/s, p50 %.1f ms, p99 %.1f ms, %,d created, %d failed%n",
                load.rate(), load.p(50), load.p(99), created, load.requests() - created);
        settle(0);
        long stored = created;
        if (counts) {
            Matcher total = LIST_TOTAL.matcher(call("GET", list, organizer, "", 200));
            stored = total.find() ? Long.parseLong(total.group(1)) : -1;
            System.out.printf("The event holds %,d registrations (the list endpoint's total)%n", stored);
        } else {
            System.out.printf("The event holds %,d registrations (as created; this API does not count them)%n", stored);
        }
        Properties preloaded = new Properties();
        preloaded.put("user", user);
        preloaded.put("organization", org);
        preloaded.put("event", event[0]);
        preloaded.put("stored", String.valueOf(stored));
        try (Writer writer = Files.newBufferedWriter(Path.of(file))) {
            preloaded.store(writer, "Bench preload");
        }
    }

    // ---------------------------------------------------------------------------------------------- table

    /** Rows of the table: property, what it measures. */
    static final Map<String, String> ROWS = new LinkedHashMap<>();
    static {
        ROWS.put("door32.rate", "QR check-in, 32 scanners: check-ins/s");
        ROWS.put("door32.p50", "QR check-in, 32 scanners: p50 ms");
        ROWS.put("door32.p99", "QR check-in, 32 scanners: p99 ms");
        ROWS.put("door1.p50", "QR check-in, one scanner at a time: p50 ms");
        ROWS.put("rush.rate", "rush, 4 registrations per seat (400 for 100), 32 clients: /s");
        ROWS.put("rush.p99", "rush: p99 ms");
        ROWS.put("rush.oversold", "rush: oversold");
        ROWS.put("open.rate", "registrations, open capacity, 32 clients: /s");
        ROWS.put("open.p99", "registrations, open capacity: p99 ms");
        ROWS.put("dashboard.p99", "dashboard, 8 readers: p99 ms");
        ROWS.put("dashboard1.p50", "dashboard, one reader at a time: p50 ms");
        ROWS.put("dashboard1.p99", "dashboard, one reader at a time: p99 ms");
        ROWS.put("dashboard.registrations", "dashboard: registrations in that event");
        ROWS.put("dashboard.requests", "dashboard: reads (8 readers, up to 2,000 or 30 s)");
        ROWS.put("door32.cpu.total", "CPU ms per check-in (32 scanners), all processes");
        ROWS.put("open.cpu.total", "CPU ms per registration (open capacity), all processes");
        ROWS.put("idle.cores", "CPU at rest before the run, cores (included in the two rows above)");
        ROWS.put("rss.total", "resident MB, all processes (largest seen)");
        ROWS.put("rss.largest", "resident MB, largest process");
        ROWS.put("stored", "registrations stored by preload (through the API)");
        ROWS.put("store.hot.rate", "store raw (StoreLimit, 32 threads): {_id, condition} updates/s, one hot document");
        ROWS.put("store.hot.p99", "store raw: one hot document p99 ms");
        ROWS.put("store.distinct.rate", "store raw: {_id, condition} updates/s, distinct documents of 20,000");
        ROWS.put("store.distinct.p99", "store raw: {_id, condition}, distinct documents p99 ms");
        ROWS.put("store.distinct_by_id.rate", "store raw: {_id} updates/s, distinct documents of 20,000");
        ROWS.put("store.distinct_by_id.p99", "store raw: {_id}, distinct documents p99 ms");
    }

    static void table(Path first, Path second) throws IOException {
        Properties a = load(first);
        Properties b = load(second);
        String left = a.getProperty("label", first.toString());
        String right = b.getProperty("label", second.toString());
        System.out.printf("| measure | %s | %s | %s ÷ %s |%n|---|---:|---:|---:|%n", left, right, right, left);
        ROWS.forEach((key, label) -> System.out.printf("| %s | %s | %s | %s |%n", label, a.getProperty(key, "–"),
                b.getProperty(key, "–"), ratio(a.getProperty(key), b.getProperty(key))));
        System.out.printf("%n| process | CPU ms per check-in | CPU ms per registration | resident MB |%n|---|---:|---:|---:|%n");
        for (Properties p : List.of(a, b)) {
            TreeSet<String> names = new TreeSet<>();
            p.stringPropertyNames().stream().filter(k -> k.startsWith("rss.") && !k.equals("rss.total") && !k.equals("rss.largest"))
                    .forEach(k -> names.add(k.substring(4)));
            for (String name : names) {
                System.out.printf("| %s: %s | %s | %s | %s |%n", p.getProperty("label"), name, p.getProperty("door32.cpu." + name, "–"),
                        p.getProperty("open.cpu." + name, "–"), p.getProperty("rss." + name));
            }
        }
    }

    static String ratio(String a, String b) {
        try {
            double ratio = Double.parseDouble(b) / Double.parseDouble(a);
            return Double.isFinite(ratio) ? String.format("%.2f", ratio) : "–";
        } catch (NullPointerException | NumberFormatException notBoth) {
            return "–";
        }
    }

    static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    static String format(double value) {
        return Double.isNaN(value) ? "–" : value >= 100 ? String.format("%.0f", value) : String.format("%.2f", value);
    }

    // ---------------------------------------------------------------------------------------------- processes

    /**
     * The processes of the suite or the prototype running on this machine, named by what identifies them on their
     * command line, and their CPU seconds (utime + stime from /proc/PID/stat) and resident memory (VmRSS).
     */
    static final class Processes {
        static final Map<String, String> PATTERNS = new LinkedHashMap<>();
        static {
            // With --suite-dir, only that checkout's processes (e2e tests of another checkout may run meanwhile).
            String suite = options.getOrDefault("suite-dir", "");
            for (String name : List.of("gateway", "identity-service", "org-service", "event-service", "registration-service",
                    "analytics-service", "notification-service")) {
                PATTERNS.put(name, suite + "/" + name + "/target/quarkus-app/quarkus-run.jar");
            }
            PATTERNS.put("devstack", suite + "/devstack/target/devstack.jar");
            PATTERNS.put("mongo-server", "mongo-server.jar");
            PATTERNS.put("uvicorn", "uvicorn app.main:app");
        }
        static final Map<Long, String> FOUND = find();
        static final double HZ = clockTicks();

        static Map<Long, String> find() {
            Map<Long, String> found = new LinkedHashMap<>();
            ProcessHandle.allProcesses().forEach(process -> {
                try {
                    String command = Files.readString(Path.of("/proc/" + process.pid() + "/cmdline")).replace('\0', ' ');
                    PATTERNS.forEach((name, pattern) -> {
                        if (command.contains(pattern) && !command.contains("Bench.java")) {
                            found.put(process.pid(), name);
                        }
                    });
                } catch (IOException | SecurityException gone) {
                    // ended meanwhile, or not ours to read
                }
            });
            return found;
        }

        static double clockTicks() {
            try {
                Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
                return Double.parseDouble(new String(getconf.getInputStream().readAllBytes()).trim());
            } catch (Exception e) {
                return 100;
            }
        }

        /** CPU seconds so far, by pid, of those still running. */
        static Map<Long, Double> cpu() {
            Map<Long, Double> seconds = new LinkedHashMap<>();
            FOUND.keySet().forEach(pid -> {
                try {
                    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                    // after the command name: fields 14 (utime) and 15 (stime) of proc(5) are at 11 and 12
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    seconds.put(pid, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / HZ);
                } catch (IOException gone) {
                    // not counted
                }
            });
            return seconds;
        }

        /** CPU seconds spent between two snapshots, by name. */
        static Map<String, Double> spent(Map<Long, Double> before, Map<Long, Double> after) {
            Map<String, Double> seconds = new LinkedHashMap<>();
            after.forEach((pid, cpu) -> {
                if (before.containsKey(pid)) {
                    seconds.merge(FOUND.get(pid), cpu - before.get(pid), Double::sum);
                }
            });
            return seconds;
        }

        /** Resident MB now, by name. */
        static Map<String, Long> residentMb() {
            Map<String, Long> mb = new LinkedHashMap<>();
            FOUND.forEach((pid, name) -> {
                try {
                    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                        if (line.startsWith("VmRSS:")) {
                            mb.merge(name, Long.parseLong(line.replaceAll("\\D", "")) / 1024, Long::sum);
                        }
                    }
                } catch (IOException gone) {
                    mb.merge(name, 0L, Long::sum);
                }
            });
            return mb;
        }

        static double total(Map<?, Double> cpu) {
            return cpu.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /**
     * Waits until the measured processes are idle (below a quarter of a core for a second), so a scenario neither
     * starts while the previous one's consumers still work nor ends before its own have finished. Without them,
     * sleeps the given seconds.
     */
    static void settle(int fallbackSeconds) throws InterruptedException {
        if (Processes.FOUND.isEmpty()) {
            Thread.sleep(fallbackSeconds * 1000L);
            return;
        }
        long started = System.nanoTime();
        Map<Long, Double> previous = Processes.cpu();
        while (System.nanoTime() - started < Duration.ofMinutes(10).toNanos()) {
            Thread.sleep(1000);
            Map<Long, Double> now = Processes.cpu();
            if (Processes.total(Processes.spent(previous, now)) < 0.25) {
                break;
            }
            previous = now;
        }
        long waited = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        if (waited > 3) {
            System.out.printf("  (waited %d s for the processes to be idle)%n", waited);
        }
    }

    /** Prints and records the cores the processes use at rest (pollers, heartbeats), before the first scenario. */
    static void measureIdle() throws InterruptedException {
        settle(20);
        if (Processes.FOUND.isEmpty()) {
            return;
        }
        Map<Long, Double> before = Processes.cpu();
        Thread.sleep(5000);
        Map<String, Double> idle = Processes.spent(before, Processes.cpu());
        StringBuilder line = new StringBuilder("At rest, cores:");
        idle.forEach((name, seconds) -> line.append(String.format(" %s %.3f,", name, seconds / 5)));
        System.out.printf("%s total %.3f%n", line, Processes.total(idle) / 5);
        results.put("idle.cores", String.format("%.3f", Processes.total(idle) / 5));
    }

    /**
     * Runs a scenario and records, by process, the CPU milliseconds per request it cost (including the work it
     * left to consumers, so until idle again) and the resident memory after it.
     */
    static Result measure(String scenario, Callable<Result> load) throws Exception {
        Map<Long, Double> before = Processes.cpu();
        Result result = load.call();
        if (Processes.FOUND.isEmpty()) {
            return result;
        }
        settle(0);
        Map<String, Double> spent = Processes.spent(before, Processes.cpu());
        Map<String, Long> resident = Processes.residentMb();
        StringBuilder cpuLine = new StringBuilder("  CPU ms per request:");
        StringBuilder rssLine = new StringBuilder("  resident MB:");
        spent.forEach((name, seconds) -> {
            double perRequest = seconds * 1000 / result.requests();
            cpuLine.append(String.format(" %s %.2f,", name, perRequest));
            rssLine.append(String.format(" %s %d,", name, resident.get(name)));
            results.put(scenario + ".cpu." + name, format(perRequest));
            long largest = Math.max(resident.get(name), Long.parseLong(results.getProperty("rss." + name, "0")));
            results.put("rss." + name, String.valueOf(largest));
        });
        double total = Processes.total(spent) * 1000 / result.requests();
        long residentTotal = resident.values().stream().mapToLong(Long::longValue).sum();
        results.put(scenario + ".cpu.total", format(total));
        results.put("rss.total", String.valueOf(Math.max(residentTotal, Long.parseLong(results.getProperty("rss.total", "0")))));
        results.put("rss.largest", String.valueOf(Math.max(Collections.max(resident.values()),
                Long.parseLong(results.getProperty("rss.largest", "0")))));
        costs.put(scenario, String.format("%s total %.2f%n%s total %d", cpuLine, total, rssLine, residentTotal));
        return result;
    }

    // ---------------------------------------------------------------------------------------------- door

    static void door(int scans, int devices) throws Exception {
        int batch = Integer.parseInt(options.getOrDefault("batch", "100"));
        int online = 300;
        String run = UUID.randomUUID().toString().substring(0, 8);
        String organizer = token("door-organizer-" + run);
        String attendee = token("door-attendee-" + run);
        String org = field(call("POST", "/api/organizations", organizer, "{\"name\":\"Door\",\"slug\":\"door-" + run + "\"}", 201), "_id");
        String[] event = event(organizer, org, "door-" + run, -1);
        String side = field(call("POST", "/api/check-in-lists", organizer, "{\"event_id\":\"" + event[0]
                + "\",\"name\":\"Side door\"}", 201), "_id");
        System.out.printf("Door benchmark against %s: %d online scans per list, %,d offline scans by %d devices in batches of %d%n",
                base, online, scans, devices, batch);
        ConcurrentLinkedQueue<String> codes = new ConcurrentLinkedQueue<>();
        Result registered = load(scans + 3 * online, 32, i -> {
            HttpResponse<String> response = post("/api/registrations", attendee, registration(event, "d" + i + "-" + run));
            if (response.statusCode() == 201) {
                codes.add(field(response.body(), "qr_code"));
            }
            return response;
        });
        System.out.printf("Registered %,d attendees at %.0f/s%n", registered.count(201), registered.rate());
        List<String> all = new ArrayList<>(codes);
        settle(20);
        results.put("label", options.getOrDefault("label", base));

        // Not counted: the first scans of a fresh process run cold code (the JIT compiles it meanwhile).
        List<String> warmup = all.subList(2 * online, 3 * online);
        load(online, 1, i -> post("/api/check-in-lists/" + (i % 2 == 0 ? event[0] : side) + "/scans", organizer,
                "{\"qr_code\":\"" + warmup.get(i) + "\",\"device\":\"warmup\"}"));
        for (String[] list : List.of(new String[] { "default", event[0] }, new String[] { "side", side })) {
            List<String> mine = list[0].equals("default") ? all.subList(0, online) : all.subList(online, 2 * online);
            Result scanned = measure("scan." + list[0], () -> load(online, 1, i -> post("/api/check-in-lists/" + list[1] + "/scans",
                    organizer, "{\"qr_code\":\"" + mine.get(i) + "\",\"device\":\"bench\"}")));
            System.out.printf("Online scans at the %s list, one at a time: p50 %.1f ms, p99 %.1f ms (%d answered 200)%n",
                    list[0], scanned.p(50), scanned.p(99), scanned.count(200));
            record("scan." + list[0], scanned);
        }

        List<String> offline = all.subList(3 * online, all.size());
        List<String> bodies = new ArrayList<>();
        String scannedAt = java.time.Instant.now().minusSeconds(60).toString();
        for (int from = 0; from < offline.size(); from += batch) {
            StringBuilder body = new StringBuilder("{\"scans\":[");
            for (int i = from; i < Math.min(from + batch, offline.size()); i++) {
                body.append(i == from ? "" : ",").append("{\"nonce\":\"").append(run).append('-').append(i)
                        .append("\",\"qr_code\":\"").append(offline.get(i)).append("\",\"direction\":\"entry\",\"device\":\"device-")
                        .append(from / batch % devices).append("\",\"scanned_at\":\"").append(scannedAt).append("\"}");
            }
            bodies.add(body.append("]}").toString());
        }
        String batchPath = "/api/check-in-lists/" + side + "/scans/batch";
        AtomicInteger admitted = new AtomicInteger();
        Result synced = measure("batch", () -> load(bodies.size(), devices, i -> {
            HttpResponse<String> response = post(batchPath, organizer, bodies.get(i));
            admitted.addAndGet(occurrences(response.body(), "\"result\":\"admitted\""));
            return response;
        }));
        double perSecond = offline.size() / (synced.elapsedNanos() / 1e9);
        System.out.printf("Offline sync: %,.0f scans/s applied (%,d admitted of %,d), batches p50 %.1f ms, p99 %.1f ms (%d not 200)%n",
                perSecond, admitted.get(), offline.size(), synced.p(50), synced.p(99), synced.requests() - synced.count(200));
        record("batch", synced);
        results.put("batch.scans_per_second", format(perSecond));
        results.put("batch.admitted", String.valueOf(admitted.get()));
        String again = call("POST", batchPath, organizer, bodies.get(0), 200);
        System.out.printf("The first batch sent again: %d of %d answered as repeats%n",
                occurrences(again, "\"repeated\":true"), Math.min(batch, offline.size()));
        write();
    }

    static int occurrences(String text, String of) {
        int count = 0;
        for (int at = text.indexOf(of); at >= 0; at = text.indexOf(of, at + of.length())) {
            count++;
        }
        return count;
    }

    // ---------------------------------------------------------------------------------------------- analytics

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
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        HttpResponse<String> response = get(dashboard, organizer);
                        long shown = response.statusCode() == 200 ? total(response.body()) : -1;
                        samples.add(new long[] { System.nanoTime(), shown });
                    }
                } catch (IllegalStateException e) {
                    // Stopped in the middle of a read: the phase is over. Anything else is a failure.
                    if (!Thread.currentThread().isInterrupted()) {
                        throw e;
                    }
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
                    percentile(lags, 50), percentile(lags, 99), reads.p(50), reads.p(99), reads.requests(),
                    reads.requests() - reads.count(200));
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

    static long total(String json) {
        Matcher m = TOTAL_REGISTRATIONS.matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    // ---------------------------------------------------------------------------------------------- load and HTTP

    static double percentile(List<Long> nanos, int percentile) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    /** Latencies of every request and their statuses (-1: no answer). */
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

        int requests() {
            return statuses.size();
        }

        long failed() {
            return statuses.stream().filter(s -> s < 0 || s >= 500).count();
        }
    }

    static Result load(int requests, int concurrency, IntFunction<HttpResponse<String>> request) throws Exception {
        return load(requests, concurrency, Duration.ofDays(1), request);
    }

    /** Sends the requests from `concurrency` threads, each as soon as its previous one is answered, until the limit. */
    static Result load(int requests, int concurrency, Duration limit, IntFunction<HttpResponse<String>> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                int i;
                while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < requests) {
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        status = request.apply(i).statusCode();
                    } catch (RuntimeException noAnswer) {
                        status = -1;
                    }
                    nanos.add(System.nanoTime() - t0);
                    statuses.add(status);
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return new Result(nanos, statuses, System.nanoTime() - started);
    }

    static String[] event(String organizer, String org, String slug, int capacity) {
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

    static String token(String name) {
        String body = "{\"email\":\"" + name + "@bench.example.com\",\"name\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}";
        return field(call("POST", "/api/auth/register", null, body, 201), "access_token");
    }

    static String login(String name) {
        return field(call("POST", "/api/auth/login?email=" + name + "@bench.example.com&password=" + PASSWORD, null, "", 200), "access_token");
    }

    static HttpResponse<String> post(String path, String token, String body) {
        return send("POST", path, token, body);
    }

    static HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, "");
    }

    static HttpResponse<String> send(String method, String path, String token, String body) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
