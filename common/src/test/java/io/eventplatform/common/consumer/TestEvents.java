package io.eventplatform.common.consumer;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import io.eventplatform.common.events.AggregateType;
import io.eventplatform.common.events.DomainEvent;

/** Sends raw records to a platform topic, the way a relay (or a broken producer) would. */
final class TestEvents implements AutoCloseable {

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));

    static DomainEvent snapshot(String id, long version, Map<String, Object> data) {
        return DomainEvent.of(AggregateType.TEMPLATE, "template.updated", id, version, null, data);
    }

    RecordMetadata send(String key, String value) throws Exception {
        return producer.send(new ProducerRecord<>(AggregateType.TEMPLATE.topic(), key, value)).get(10, TimeUnit.SECONDS);
    }

    RecordMetadata send(int partition, DomainEvent event) throws Exception {
        return producer.send(new ProducerRecord<>(AggregateType.TEMPLATE.topic(), partition, event.aggregateId(), event.toJson()))
                .get(10, TimeUnit.SECONDS);
    }

    RecordMetadata send(DomainEvent event) throws Exception {
        return send(event.aggregateId(), event.toJson());
    }

    @Override
    public void close() {
        producer.close();
    }
}
