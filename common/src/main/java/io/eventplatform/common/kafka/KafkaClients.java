package io.eventplatform.common.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.eventplatform.common.events.AggregateType;
import io.smallrye.common.annotation.Identifier;

/**
 * Makes the suite's Kafka clients from the {@code kafka.*} configuration (bootstrap servers, TLS and SASL settings
 * pass straight through), and creates the platform topics once.
 */
@ApplicationScoped
public class KafkaClients {

    private static final Logger LOG = Logger.getLogger(KafkaClients.class);
    /** A fetch this large is answered at once, whatever the batch window: about 250 registration snapshots. */
    private static final int BATCH_BYTES = 256 * 1024;

    /**
     * The largest record the suite publishes: the producer's {@code max.request.size} and each platform topic's
     * {@code max.message.bytes}. The input limits ({@code Limits}) keep every aggregate's snapshot well below it.
     */
    public static final int MAX_RECORD_BYTES = 4 * 1024 * 1024;

    private final Map<String, Object> connection;
    private final PlatformConfig config;
    private volatile boolean topicsReady;

    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> connection, PlatformConfig config) {
        this.connection = connection;
        this.config = config;
    }

    /** Idempotent ({@code enable.idempotence}, {@code acks=all}): a retried send never duplicates or reorders. */
    public KafkaProducer<String, String> producer(String clientId) {
        Map<String, Object> props = base();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
        int timeoutMs = (int) config.outbox().sendTimeout().toMillis();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeoutMs / 2));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /**
     * A member of {@code groupId}, with this replica's static identity if one is configured. Offsets are committed by
     * the caller, only after the effect of a record is stored. A crashed member's partitions move after the session
     * timeout ({@code eventplatform.consumer.session-timeout}), or at once when it comes back under the same
     * identity.
     */
    public KafkaConsumer<String, String> consumer(String groupId, String clientId) {
        return consumer(groupId, clientId, config.consumer().instanceId().filter(id -> !id.isBlank()));
    }

    public KafkaConsumer<String, String> consumer(String groupId, String clientId, Optional<String> instanceId) {
        Map<String, Object> props = reading(clientId);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.consumer().sessionTimeout().toMillis());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) config.consumer().heartbeatInterval().toMillis());
        long batchWindowMs = config.consumer().batchWindow().toMillis();
        if (batchWindowMs > 0) {
            // The broker answers a fetch when this much has gathered or the window has passed, whichever comes first.
            props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, BATCH_BYTES);
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) batchWindowMs);
        }
        instanceId.ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        return new KafkaConsumer<>(props);
    }

    /** A consumer outside any group, for reading topics by explicit assignment. */
    public KafkaConsumer<String, String> reader(String clientId) {
        return new KafkaConsumer<>(reading(clientId));
    }

    private Map<String, Object> reading(String clientId) {
        Map<String, Object> props = base();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }

    public Admin admin() {
        Map<String, Object> props = base();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        return Admin.create(props);
    }

    /**
     * Creates every platform topic and its dead-letter topic if missing. Returns false while Kafka is unreachable;
     * callers try again later.
     */
    public boolean ensureTopics() {
        if (topicsReady) {
            return true;
        }
        PlatformConfig.Topics topics = config.topics();
        Set<NewTopic> wanted = Stream.of(AggregateType.values())
                .flatMap(type -> Stream.of(
                        new NewTopic(type.topic(), topics.partitions(), topics.replicationFactor())
                                .configs(Map.of("cleanup.policy", topics.cleanupPolicy(),
                                        "max.message.bytes", String.valueOf(MAX_RECORD_BYTES))),
                        new NewTopic(type.deadLetterTopic(), 1, topics.replicationFactor())
                                .configs(Map.of("max.message.bytes", String.valueOf(MAX_RECORD_BYTES)))))
                .collect(Collectors.toSet());
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get();
            Set<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).collect(Collectors.toSet());
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            raiseRecordLimit(admin, wanted.stream().map(NewTopic::name).filter(existing::contains).toList());
            topicsReady = true;
            return true;
        } catch (ExecutionException e) {
            LOG.warnf("Kafka topics not ready yet: %s", e.getCause().getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Topics made by an earlier version carry the broker's default record limit (1 MiB): raise it, so the largest
     * legal aggregate can be published. Without the right to alter topic configs, an operator has to do it.
     */
    private static void raiseRecordLimit(Admin admin, List<String> topicNames) throws InterruptedException {
        if (topicNames.isEmpty()) {
            return;
        }
        AlterConfigOp raise = new AlterConfigOp(new ConfigEntry("max.message.bytes", String.valueOf(MAX_RECORD_BYTES)),
                AlterConfigOp.OpType.SET);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = topicNames.stream().collect(Collectors.toMap(
                name -> new ConfigResource(ConfigResource.Type.TOPIC, name), name -> List.of(raise)));
        try {
            admin.incrementalAlterConfigs(changes).all().get();
        } catch (ExecutionException e) {
            LOG.warnf("Could not set max.message.bytes=%d on the platform topics; set it with kafka-configs: %s",
                    MAX_RECORD_BYTES, e.getCause().getMessage());
        }
    }

    private Map<String, Object> base() {
        return new HashMap<>(connection);
    }
}
