package io.eventplatform.common.health;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.eventplatform.common.kafka.KafkaClients;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.api.Wellness;

/**
 * Whether this service reaches the Kafka broker: a wellness check ({@code /q/health/well}), which the gateway's
 * {@code /health} reports, and on purpose not a readiness check: while the broker is away the service still serves
 * and its writes wait in the outbox. A background probe keeps the last answer, so the check answers at once however
 * long an absent broker takes not to answer.
 */
@Wellness
@ApplicationScoped
public class KafkaBrokerCheck implements HealthCheck {

    public static final String NAME = "kafka";
    private static final int PROBE_TIMEOUT_MS = 2000;

    private final KafkaClients kafka;
    private Admin admin;
    private volatile String problem = "not checked yet";

    public KafkaBrokerCheck(KafkaClients kafka) {
        this.kafka = kafka;
    }

    @Scheduled(every = "${eventplatform.health.kafka-probe-interval:3s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void probe() {
        if (admin == null) {
            admin = kafka.admin();
        }
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(PROBE_TIMEOUT_MS)).nodes()
                    .get(PROBE_TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS).size();
            problem = brokers > 0 ? null : "no broker in the cluster";
        } catch (ExecutionException e) {
            problem = "unreachable: " + e.getCause().getMessage();
        } catch (TimeoutException e) {
            problem = "unreachable: no answer within " + PROBE_TIMEOUT_MS + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public HealthCheckResponse call() {
        String current = problem;
        return current == null ? HealthCheckResponse.up(NAME)
                : HealthCheckResponse.named(NAME).down().withData("error", current).build();
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
