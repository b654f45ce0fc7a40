package io.eventplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

class ChartTest {

    /** The workloads of a default install: the services that exist, and the gateway. */
    private static final Set<String> WORKLOADS = Set.of("events-event-platform-identity-service",
            "events-event-platform-org-service", "events-event-platform-event-service",
            "events-event-platform-registration-service", "events-event-platform-analytics-service",
            "events-event-platform-gateway");
    /** The health endpoints every Quarkus service of the suite serves (tested in each service's own tests). */
    private static final Set<String> SERVED_HEALTH_PATHS = Set.of("/q/health/started", "/q/health/live", "/q/health/ready");

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, EnvVar> env(Deployment deployment) {
        return container(deployment).getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    private static Deployment deployment(Chart.Rendered rendered, String name) {
        return rendered.named(Deployment.class, "events-event-platform-" + name).orElseThrow();
    }

    @Test
    void lintsCleanInStrictMode() {
        LintResult result = new Helm(Chart.DIR).lint().strict().call();
        assertFalse(result.isFailed(), String.join("\n", result.getMessages()));
    }

    @Test
    void everyWorkloadHasServedProbesResourcesAndALockedDownSecurityContext() {
        Chart.Rendered rendered = Chart.render(Map.of());
        List<Deployment> deployments = rendered.all(Deployment.class);
        assertEquals(WORKLOADS, deployments.stream().map(d -> d.getMetadata().getName()).collect(Collectors.toSet()));
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            Container c = container(deployment);
            assertEquals("/q/health/live", c.getLivenessProbe().getHttpGet().getPath(), name);
            assertEquals("/q/health/ready", c.getReadinessProbe().getHttpGet().getPath(), name);
            assertEquals("/q/health/started", c.getStartupProbe().getHttpGet().getPath(), name);
            assertTrue(SERVED_HEALTH_PATHS.containsAll(List.of(c.getLivenessProbe().getHttpGet().getPath(),
                    c.getReadinessProbe().getHttpGet().getPath(), c.getStartupProbe().getHttpGet().getPath())), name);
            assertNotNull(c.getResources().getRequests().get("cpu"), name);
            assertNotNull(c.getResources().getRequests().get("memory"), name);
            assertNotNull(c.getResources().getLimits().get("memory"), name);
            assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation(), name);
            assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem(), name);
            assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop(), name);
            assertEquals(Boolean.TRUE, deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot(), name);
            assertEquals(2, deployment.getSpec().getReplicas(), name);
            assertEquals(30L, deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds(), name);
            assertNotNull(c.getLifecycle().getPreStop(), name);
            assertEquals("true", deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/scrape"), name);
            assertEquals("/q/metrics", deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/path"), name);
            assertTrue(rendered.named(Service.class, name).isPresent(), name);
            assertTrue(rendered.named(ServiceAccount.class, name).isPresent(), name);
            assertTrue(rendered.named(PodDisruptionBudget.class, name).isPresent(), name);
        }
    }

    @Test
    void servicesGetInfrastructureAndKeysFromConfigurationAndSecrets() {
        Chart.Rendered rendered = Chart.render(Map.of());
        Map<String, EnvVar> identity = env(deployment(rendered, "identity-service"));
        Map<String, EnvVar> org = env(deployment(rendered, "org-service"));
        assertEquals(Chart.REQUIRED.get("mongodb.connectionString"), identity.get("QUARKUS_MONGODB_CONNECTION_STRING").getValue());
        assertEquals(Chart.REQUIRED.get("kafka.bootstrapServers"), org.get("KAFKA_BOOTSTRAP_SERVERS").getValue());
        assertEquals("identity", identity.get("QUARKUS_MONGODB_DATABASE").getValue());
        assertEquals("org", org.get("QUARKUS_MONGODB_DATABASE").getValue());
        assertEquals("6", org.get("EVENTPLATFORM_TOPICS_PARTITIONS").getValue());
        assertEquals("metadata.name", org.get("EVENTPLATFORM_CONSUMER_INSTANCE_ID").getValueFrom().getFieldRef().getFieldPath(),
                "a restarted container takes its partitions back at once");
        assertEquals("event-platform-internal", org.get("EVENTPLATFORM_INTERNAL_TOKEN").getValueFrom().getSecretKeyRef().getName());
        assertEquals("http://events-event-platform-identity-service:8080", org.get("QUARKUS_REST_CLIENT_IDENTITY_SERVICE_URL").getValue());

        assertTrue(identity.containsKey("SMALLRYE_JWT_SIGN_KEY_LOCATION"));
        assertFalse(org.containsKey("SMALLRYE_JWT_SIGN_KEY_LOCATION"), "the private key belongs to identity-service alone");
        assertEquals(Set.of("jwt-public", "jwt-private"), secretVolumes(deployment(rendered, "identity-service")));
        assertEquals(Set.of("jwt-public"), secretVolumes(deployment(rendered, "org-service")));
        assertEquals(Set.of("jwt-public"), secretVolumes(deployment(rendered, "gateway")),
                "the gateway verifies tokens (to rate-limit by subject) but never signs one");
    }

    private static Set<String> secretVolumes(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getSecret() != null)
                .map(v -> v.getName()).collect(Collectors.toSet());
    }

    @Test
    void valuesOverridesWork() {
        Chart.Rendered rendered = Chart.render(Map.of(
                "services.org-service.replicas", "4",
                "image.tag", "2.3.4",
                "image.registry", "registry.example.com/events",
                "mongodb.existingSecret", "mongo-credentials",
                "kafka.existingSecret", "kafka-credentials",
                "kafka.securityProtocol", "SASL_SSL",
                "kafka.saslMechanism", "SCRAM-SHA-512",
                "kafka.extraConfig.ssl\\.truststore\\.type", "PEM",
                "platformAdmins[0]", "ops@example.com"));
        Deployment org = deployment(rendered, "org-service");
        assertEquals(4, org.getSpec().getReplicas());
        assertEquals(2, deployment(rendered, "identity-service").getSpec().getReplicas());
        assertEquals("registry.example.com/events/org-service:2.3.4", container(org).getImage());
        Map<String, EnvVar> env = env(org);
        assertEquals("mongo-credentials", env.get("QUARKUS_MONGODB_CONNECTION_STRING").getValueFrom().getSecretKeyRef().getName());
        assertEquals(null, env.get("QUARKUS_MONGODB_CONNECTION_STRING").getValue());
        assertEquals("kafka-credentials", env.get("KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef().getName());
        assertEquals("SASL_SSL", env.get("KAFKA_SECURITY_PROTOCOL").getValue());
        assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM").getValue());
        assertEquals("PEM", env.get("KAFKA_SSL_TRUSTSTORE_TYPE").getValue());
        assertEquals("ops@example.com", env.get("EVENTPLATFORM_PLATFORM_ADMINS").getValue());
    }

    @Test
    void identityServiceAloneGetsTheMailAndAccountSettings() {
        Chart.Rendered rendered = Chart.render(Map.of(
                "mail.existingSecret", "smtp-credentials",
                "mail.port", "465",
                "mail.tls", "true",
                "accounts.bcryptCost", "13",
                "accounts.loginThrottle.firstLock", "1m",
                "ingress.host", "tickets.example.org",
                "platformAdminIds[0]", "65a000000000000000000001"));
        Map<String, EnvVar> identity = env(deployment(rendered, "identity-service"));
        assertEquals("smtp.example.com", identity.get("QUARKUS_MAILER_HOST").getValue());
        assertEquals("465", identity.get("QUARKUS_MAILER_PORT").getValue());
        assertEquals("true", identity.get("QUARKUS_MAILER_TLS").getValue());
        assertEquals("REQUIRED", identity.get("QUARKUS_MAILER_START_TLS").getValue());
        assertEquals("smtp-credentials", identity.get("QUARKUS_MAILER_PASSWORD").getValueFrom().getSecretKeyRef().getName());
        assertEquals("password", identity.get("QUARKUS_MAILER_PASSWORD").getValueFrom().getSecretKeyRef().getKey());
        assertEquals("https://tickets.example.org", identity.get("EVENTPLATFORM_ACCOUNTS_PUBLIC_URL").getValue());
        assertEquals("13", identity.get("EVENTPLATFORM_ACCOUNTS_BCRYPT_COST").getValue());
        assertEquals("1m", identity.get("EVENTPLATFORM_ACCOUNTS_LOGIN_THROTTLE_FIRST_LOCK").getValue());
        Map<String, EnvVar> org = env(deployment(rendered, "org-service"));
        assertFalse(org.containsKey("QUARKUS_MAILER_HOST"), "only identity-service sends mail");
        assertEquals("65a000000000000000000001", org.get("EVENTPLATFORM_PLATFORM_ADMIN_IDS").getValue());
    }

    @Test
    void anInstallWithoutSmtpIsRefused() {
        assertThrows(RuntimeException.class, () -> Chart.renderRaw(Map.of("mongodb.connectionString", "mongodb://m:27017",
                "kafka.bootstrapServers", "k:9092")));
    }

    @Test
    void anInstallWithoutMongoOrKafkaIsRefused() {
        assertThrows(RuntimeException.class, () -> Chart.renderRaw(Map.of("kafka.bootstrapServers", "k:9092")));
        assertThrows(RuntimeException.class, () -> Chart.renderRaw(Map.of("mongodb.connectionString", "mongodb://m:27017")));
    }

    @Test
    void noSecretValueAppearsInAConfigMap() {
        String password = "s3cr3t-Password-in-values";
        Chart.Rendered rendered = Chart.render(Map.of(
                "mongodb.connectionString", "mongodb://app:" + password + "@mongo-0.mongo:27017/?replicaSet=rs0"));
        for (ConfigMap configMap : rendered.all(ConfigMap.class)) {
            configMap.getData().values().forEach(value -> assertFalse(value.contains(password), configMap.getMetadata().getName()));
            configMap.getData().values().forEach(value -> assertFalse(value.contains("BEGIN"), configMap.getMetadata().getName()));
        }
        assertTrue(rendered.ofKind("Secret").isEmpty(), "the chart never writes key material itself");
    }

    @Test
    void theGatewayRoutesEveryPublicPrefixLikeTheLocalRun() throws IOException {
        Chart.Rendered rendered = Chart.render(Map.of());
        ConfigMap routes = rendered.named(ConfigMap.class, "events-event-platform-gateway-routes").orElseThrow();
        Properties chart = new Properties();
        chart.load(new StringReader(routes.getData().get("application.properties")));
        Properties local = new Properties();
        local.load(Files.newBufferedReader(Path.of(System.getProperty("gateway.properties"))));
        assertEquals(prefixes(local), prefixes(chart));
        assertEquals(Set.of("/api/auth", "/api/organizations", "/api/events", "/api/ticket-types", "/api/templates",
                "/api/registrations", "/api/check-in-lists", "/api/analytics"), new TreeSet<>(prefixes(chart).values().stream()
                        .flatMap(p -> Arrays.stream(p.split(","))).toList()));
        assertEquals("http://events-event-platform-org-service:8080", chart.getProperty("gateway.upstreams.org.url"));
        Deployment gateway = deployment(rendered, "gateway");
        assertEquals("/deployments/config", container(gateway).getVolumeMounts().stream()
                .filter(m -> m.getName().equals("routes")).findFirst().orElseThrow().getMountPath());
    }

    @Test
    void theGatewayGetsTheLocalRateLimitsPerReplicaAndTheTokenKey() throws IOException {
        Chart.Rendered rendered = Chart.render(Map.of());
        Properties chart = gatewayProperties(rendered);
        Properties local = new Properties();
        local.load(Files.newBufferedReader(Path.of(System.getProperty("gateway.properties"))));
        assertEquals(rateLimitGroups(local), rateLimitGroups(chart));
        assertEquals("1000", chart.getProperty("gateway.rate-limits.groups.default.authenticated.limit"));
        assertEquals("true", chart.getProperty("gateway.rate-limits.enabled"));
        assertEquals("2", chart.getProperty("gateway.rate-limits.replicas"), "each of the 2 gateway replicas enforces half");
        assertEquals(null, chart.getProperty("gateway.trusted-proxies"));
        Deployment gateway = deployment(rendered, "gateway");
        assertEquals("/etc/event-platform/jwt-public/public.pem", env(gateway).get("MP_JWT_VERIFY_PUBLICKEY_LOCATION").getValue());
        assertEquals("event-platform", env(gateway).get("MP_JWT_VERIFY_AUDIENCES").getValue());
        assertEquals("/etc/event-platform/jwt-public", container(gateway).getVolumeMounts().stream()
                .filter(m -> m.getName().equals("jwt-public")).findFirst().orElseThrow().getMountPath());

        Properties custom = gatewayProperties(Chart.render(Map.of(
                "gateway.replicas", "3",
                "gateway.trustedProxies[0]", "10.0.0.0/8",
                "gateway.trustedProxies[1]", "192.168.0.7",
                "gateway.rateLimits.groups.default.anonymous.limit", "1000000",
                "gateway.rateLimits.groups.door.authenticated.window", "10s")));
        assertEquals("3", custom.getProperty("gateway.rate-limits.replicas"));
        assertEquals("10.0.0.0/8,192.168.0.7", custom.getProperty("gateway.trusted-proxies"));
        assertEquals("1000000", custom.getProperty("gateway.rate-limits.groups.default.anonymous.limit"));
        assertEquals("10s", custom.getProperty("gateway.rate-limits.groups.door.authenticated.window"));
        assertEquals("4", gatewayProperties(Chart.render(Map.of("gateway.autoscaling.enabled", "true",
                "gateway.autoscaling.minReplicas", "4"))).getProperty("gateway.rate-limits.replicas"));
        assertEquals("5", gatewayProperties(Chart.render(Map.of("gateway.rateLimits.replicas", "5")))
                .getProperty("gateway.rate-limits.replicas"));
        assertEquals("false", gatewayProperties(Chart.render(Map.of("gateway.rateLimits.enabled", "false")))
                .getProperty("gateway.rate-limits.enabled"));
    }

    private static Properties gatewayProperties(Chart.Rendered rendered) throws IOException {
        ConfigMap routes = rendered.named(ConfigMap.class, "events-event-platform-gateway-routes").orElseThrow();
        Properties properties = new Properties();
        properties.load(new StringReader(routes.getData().get("application.properties")));
        return properties;
    }

    private static Map<String, String> rateLimitGroups(Properties properties) {
        return properties.stringPropertyNames().stream().filter(k -> k.startsWith("gateway.rate-limits.groups."))
                .collect(Collectors.toMap(k -> k, properties::getProperty, (a, b) -> a, java.util.TreeMap::new));
    }

    private static Map<String, String> prefixes(Properties properties) {
        return properties.stringPropertyNames().stream().filter(k -> k.endsWith(".prefixes"))
                .collect(Collectors.toMap(k -> k, properties::getProperty, (a, b) -> a, java.util.TreeMap::new));
    }

    @Test
    void togglesAddAndRemoveTheOptionalObjects() {
        Chart.Rendered defaults = Chart.render(Map.of());
        assertTrue(defaults.all(HorizontalPodAutoscaler.class).isEmpty());
        assertTrue(defaults.all(NetworkPolicy.class).isEmpty());
        assertTrue(defaults.ofKind("ServiceMonitor").isEmpty());
        assertTrue(defaults.all(Ingress.class).isEmpty());
        assertEquals(6, defaults.all(PodDisruptionBudget.class).size());

        Chart.Rendered everything = Chart.render(Map.of(
                "defaults.autoscaling.enabled", "true",
                "defaults.podDisruptionBudget.enabled", "false",
                "networkPolicy.enabled", "true",
                "prometheus.serviceMonitor.enabled", "true",
                "ingress.enabled", "true",
                "ingress.host", "tickets.example.com",
                "gateway.service.type", "LoadBalancer"));
        assertEquals(6, everything.all(HorizontalPodAutoscaler.class).size());
        assertTrue(everything.all(PodDisruptionBudget.class).isEmpty());
        assertEquals(6, everything.all(NetworkPolicy.class).size());
        assertEquals(6, everything.ofKind("ServiceMonitor").size());
        Ingress ingress = everything.all(Ingress.class).get(0);
        assertEquals("tickets.example.com", ingress.getSpec().getRules().get(0).getHost());
        assertEquals("events-event-platform-gateway", ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0)
                .getBackend().getService().getName());
        assertEquals("LoadBalancer", everything.named(Service.class, "events-event-platform-gateway").orElseThrow().getSpec().getType());
        assertEquals(null, deployment(everything, "org-service").getSpec().getReplicas(), "the HPA owns the replica count");
        NetworkPolicy orgPolicy = everything.named(NetworkPolicy.class, "events-event-platform-org-service").orElseThrow();
        assertEquals("events-event-platform", orgPolicy.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector()
                .getMatchLabels().get("app.kubernetes.io/part-of"));
    }

    /** The ingress routes the API and the gateway's own pages, never /q/ (metrics, health, the gateway's OpenAPI). */
    @Test
    void theIngressRoutesOnlyThePublicPaths() {
        Ingress ingress = Chart.render(Map.of("ingress.enabled", "true")).all(Ingress.class).get(0);
        List<io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath> paths =
                ingress.getSpec().getRules().get(0).getHttp().getPaths();
        Set<String> routed = paths.stream().map(p -> p.getPathType() + " " + p.getPath()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of("Exact /", "Exact /health", "Exact /openapi.json", "Prefix /docs",
                "Prefix /api/auth", "Prefix /api/organizations", "Prefix /api/events", "Prefix /api/ticket-types",
                "Prefix /api/templates", "Prefix /api/registrations", "Prefix /api/check-in-lists", "Prefix /api/analytics")), routed);
        for (String probe : List.of("/q/metrics", "/q/health/ready", "/q/openapi", "/internal/memberships/x/y")) {
            assertFalse(paths.stream().anyMatch(p -> p.getPathType().equals("Exact") ? p.getPath().equals(probe)
                    : probe.equals(p.getPath()) || probe.startsWith(p.getPath().endsWith("/") ? p.getPath() : p.getPath() + "/")),
                    probe + " is routed");
        }
        assertTrue(paths.stream().allMatch(p -> p.getBackend().getService().getName().equals("events-event-platform-gateway")
                && p.getBackend().getService().getPort().getName().equals("http")));
    }

    @Test
    void aServiceIsAValuesEntryThatCanBeSwitchedOff() {
        assertTrue(Chart.render(Map.of("services.analytics-service.enabled", "false"))
                .named(Deployment.class, "events-event-platform-analytics-service").isEmpty());
        Chart.Rendered rendered = Chart.render(Map.of());
        Deployment analytics = deployment(rendered, "analytics-service");
        assertEquals("analytics", env(analytics).get("QUARKUS_MONGODB_DATABASE").getValue());
        assertEquals("/q/health/ready", container(analytics).getReadinessProbe().getHttpGet().getPath());
        assertTrue(rendered.named(Service.class, "events-event-platform-analytics-service").isPresent());
    }
}
