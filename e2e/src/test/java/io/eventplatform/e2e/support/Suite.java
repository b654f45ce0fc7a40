package io.eventplatform.e2e.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.eventplatform.devstack.Mailbox;

/**
 * The whole suite as separate processes, started the way ./run.sh starts it: the embedded infrastructure (the
 * devstack process with the Mongo-wire store, and a second devstack process with only the Kafka broker, so that a
 * test can stop and restart the broker alone), every packaged service that exists, and the gateway, each on a free
 * port with its log in target/suite/logs. Started once per test JVM; tests talk to it only through
 * {@link #gatewayUrl()}.
 */
public final class Suite {

    /** Service name → the gateway's route key; a service whose module is not built yet stays absent (503). */
    private static final Map<String, String> SERVICES = Map.of(
            "identity-service", "identity",
            "org-service", "org",
            "event-service", "event",
            "registration-service", "registration",
            "analytics-service", "analytics");
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx384m");
    /** Configured as the platform administrator of the suite under test (register it to act as one). */
    public static final String PLATFORM_ADMIN_EMAIL = "platform-admin@e2e.example.com";
    /** Also configured as a platform administrator, but its owner never verifies it: a stranger may register it. */
    public static final String UNCLAIMED_ADMIN_EMAIL = "unclaimed-admin@e2e.example.com";
    private static final String SERVICE_TOKEN = "e2e-service-token";
    /** Routed by the gateway to a service that is never started. */
    public static final String ABSENT_PREFIX = "/api/absent";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** The process of the Kafka broker (a devstack process without the store). */
    private static final String BROKER = "kafka";
    private static Suite running;

    private final Path root = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
    private final Path work = Path.of(System.getProperty("suite.work", "target/suite")).toAbsolutePath();
    private final Path data = work.resolve("data");
    private final Path logs = work.resolve("logs");
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private int mongoPort;
    private int kafkaPort;
    private int kafkaControllerPort;
    private int mailPort;
    private int mailboxPort;

    private Suite() {
    }

    public static synchronized Suite get() {
        if (running == null) {
            Suite suite = new Suite();
            Runtime.getRuntime().addShutdownHook(new Thread(suite::stop, "suite-stop"));
            suite.start();
            running = suite;
        }
        return running;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + ports.get("gateway");
    }

    public int gatewayPort() {
        return ports.get("gateway");
    }

    public boolean has(String service) {
        return Files.exists(jar(service));
    }

    /** kill -9: no shutdown hook, no graceful anything. */
    public void kill(String service) {
        Process process = processes.remove(service);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void restart(String service) {
        startService(service);
        awaitReady(service);
    }

    /** Restarts several killed services at once: all are started, then each is awaited. */
    public void restartTogether(String... services) {
        for (String service : services) {
            startService(service);
        }
        for (String service : services) {
            awaitReady(service);
        }
    }

    /** Stops the Kafka broker (as an operator would: SIGTERM); the store, every service and the gateway keep running. */
    public void stopBroker() {
        Process broker = processes.remove(BROKER);
        broker.destroy();
        try {
            if (!broker.waitFor(60, TimeUnit.SECONDS)) {
                broker.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the broker on its ports and data directory (again): everything it had acknowledged is still there. */
    public void startBroker() {
        long readyBefore = brokerReadyLines();
        launch(BROKER, devstack("--no-mongo", "--no-mail", "--kafka-port", String.valueOf(kafkaPort),
                "--kafka-controller-port", String.valueOf(kafkaControllerPort)), Map.of());
        await().atMost(READY_TIMEOUT).until(() -> {
            if (!processes.get(BROKER).isAlive()) {
                throw new IllegalStateException("the broker exited while starting; see " + log(BROKER));
            }
            return brokerReadyLines() > readyBefore;
        });
    }

    private long brokerReadyLines() {
        try {
            return Files.exists(log(BROKER)) ? Files.readAllLines(log(BROKER)).stream()
                    .filter(line -> line.startsWith("devstack kafka ready")).count() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> devstack(String... options) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", root.resolve("devstack/target/devstack.jar") + ":" + root.resolve("devstack/target/lib/*"),
                "io.eventplatform.devstack.DevStack", "--data-dir", data.toString()));
        command.addAll(List.of(options));
        return command;
    }

    /** Starts another replica of a service on its own port (same store, same broker); returns its base URL. */
    public String startReplica(String service) {
        String replica = service + "-replica";
        if (!ports.containsKey(replica)) {
            ports.put(replica, freePort());
            launch(replica, serviceCommand(service), serviceEnvironment(ports.get(replica)));
            awaitReady(replica);
        }
        return "http://127.0.0.1:" + ports.get(replica);
    }

    /** What the suite's identity-service emailed, as its people would read it. */
    public Mailbox mailbox() {
        return new Mailbox("http://127.0.0.1:" + mailboxPort + "/messages");
    }

    public Path log(String name) {
        return logs.resolve(name + ".log");
    }

    private void start() {
        try {
            deleteRecursively(work);
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        mongoPort = freePort();
        kafkaPort = freePort();
        kafkaControllerPort = freePort();
        mailPort = freePort();
        mailboxPort = freePort();
        launch("devstack", devstack("--no-kafka", "--mongo-port", String.valueOf(mongoPort),
                "--mail-port", String.valueOf(mailPort), "--mailbox-port", String.valueOf(mailboxPort)), Map.of());
        await().atMost(READY_TIMEOUT).until(() -> Files.readString(log("devstack")).contains("devstack jwt keys"));
        startBroker();

        SERVICES.keySet().forEach(service -> ports.put(service, freePort()));
        ports.put("gateway", freePort());
        SERVICES.keySet().stream().filter(this::has).forEach(this::startService);
        SERVICES.keySet().stream().filter(this::has).forEach(this::awaitReady);
        // Every other test sends many requests from one address: the suite's gateway does not limit them.
        launchGateway("gateway", Map.of("gateway.rate-limits.enabled", "false"));
        awaitReady("gateway");
    }

    private void startService(String service) {
        launch(service, serviceCommand(service), serviceEnvironment(ports.get(service)));
    }

    private List<String> serviceCommand(String service) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JVM_OPTIONS);
        if (service.equals("identity-service")) {
            command.add("-Dsmallrye.jwt.sign.key.location=file:" + data.resolve("jwt/private.pem"));
        }
        command.addAll(List.of("-jar", jar(service).toString()));
        return command;
    }

    private Map<String, String> serviceEnvironment(int port) {
        return Map.ofEntries(Map.entry("QUARKUS_MAILER_HOST", "127.0.0.1"),
                Map.entry("QUARKUS_MAILER_PORT", String.valueOf(mailPort)),
                Map.entry("EVENTPLATFORM_ACCOUNTS_PUBLIC_URL", gatewayUrl()),
                // The cost identity-service's own tests use: these tests hash hundreds of passwords, and at the
                // production cost (12) that alone took over a minute of this machine's two cores.
                Map.entry("EVENTPLATFORM_ACCOUNTS_BCRYPT_COST", "4"),
                Map.entry("QUARKUS_HTTP_PORT", String.valueOf(port)),
                Map.entry("QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://127.0.0.1:" + mongoPort),
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort),
                Map.entry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:" + data.resolve("jwt/public.pem")),
                Map.entry("EVENTPLATFORM_INTERNAL_TOKEN", SERVICE_TOKEN),
                Map.entry("EVENTPLATFORM_PLATFORM_ADMINS", PLATFORM_ADMIN_EMAIL + "," + UNCLAIMED_ADMIN_EMAIL),
                Map.entry("QUARKUS_REST_CLIENT_IDENTITY_SERVICE_URL", "http://127.0.0.1:" + ports.get("identity-service")),
                Map.entry("QUARKUS_REST_CLIENT_ORG_SERVICE_URL", "http://127.0.0.1:" + ports.get("org-service")),
                Map.entry("QUARKUS_REST_CLIENT_EVENT_SERVICE_URL", "http://127.0.0.1:" + ports.get("event-service")));
    }

    /**
     * Starts more gateways in front of the same services, each on its own port with these properties (for example
     * its rate limits), all at once; returns their base URLs. {@link #stopGateway} stops one.
     */
    public List<String> startGateways(Map<String, String> properties, String... names) {
        for (String name : names) {
            ports.put(name, freePort());
            launchGateway(name, properties);
        }
        List<String> urls = new ArrayList<>();
        for (String name : names) {
            awaitReady(name);
            urls.add("http://127.0.0.1:" + ports.get(name));
        }
        return urls;
    }

    public void stopGateway(String name) {
        Process gateway = processes.remove(name);
        gateway.destroy();
        try {
            if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
                gateway.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ports.remove(name);
    }

    private void launchGateway(String name, Map<String, String> properties) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JVM_OPTIONS);
        command.add("-Dquarkus.http.port=" + ports.get(name));
        SERVICES.forEach((service, route) ->
                command.add("-Dgateway.upstreams." + route + ".url=http://127.0.0.1:" + ports.get(service)));
        // A route whose service never runs, so the 503 path stays testable once every real service exists.
        command.add("-Dgateway.upstreams.absent.url=http://127.0.0.1:" + freePort());
        command.add("-Dgateway.upstreams.absent.prefixes=" + ABSENT_PREFIX);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", root.resolve("gateway/target/quarkus-app/quarkus-run.jar").toString()));
        // The gateway verifies tokens (to count a caller by subject) with the services' public key.
        launch(name, command, Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:" + data.resolve("jwt/public.pem")));
    }

    private void launch(String name, List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()));
        builder.environment().putAll(environment);
        try {
            processes.put(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    private void awaitReady(String name) {
        URI ready = URI.create("http://127.0.0.1:" + ports.get(name) + "/q/health/ready");
        await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!processes.get(name).isAlive()) {
                throw new IllegalStateException(name + " exited while starting; see " + log(name));
            }
            try {
                return http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private void stop() {
        List<String> names = new ArrayList<>(processes.keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            processes.get(names.get(i)).destroy();
        }
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Path jar(String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
