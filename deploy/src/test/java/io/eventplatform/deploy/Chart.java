package io.eventplatform.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The chart rendered offline by Helm (helm-java) and parsed into typed Kubernetes objects. */
final class Chart {

    static final Path DIR = Path.of(System.getProperty("chart.dir", "helm/event-platform"));
    static final String RELEASE = "events";
    /** What an install must at least say: where MongoDB and Kafka are. */
    static final Map<String, String> REQUIRED = Map.of(
            "mongodb.connectionString", "mongodb://mongo-0.mongo:27017,mongo-1.mongo:27017/?replicaSet=rs0",
            "kafka.bootstrapServers", "kafka-0.kafka:9092,kafka-1.kafka:9092",
            "mail.host", "smtp.example.com");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Chart() {
    }

    static Rendered render(Map<String, String> values) {
        TemplateCommand template = new Helm(DIR).template().withName(RELEASE).withNamespace("events");
        Map<String, String> all = new java.util.LinkedHashMap<>(REQUIRED);
        all.putAll(values);
        all.forEach(template::set);
        return new Rendered(parse(template.call()));
    }

    static String renderRaw(Map<String, String> values) {
        TemplateCommand template = new Helm(DIR).template().withName(RELEASE).withNamespace("events");
        values.forEach(template::set);
        return template.call();
    }

    private static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().anyMatch(l -> l.startsWith("kind:"))) {
                objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return objects;
    }

    record Rendered(List<HasMetadata> objects) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        List<HasMetadata> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
        }

        <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
            return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
        }
    }
}
