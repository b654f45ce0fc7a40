package io.eventplatform.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the in-memory Mongo-wire store, a real Kafka broker and the mail server once per test JVM, on random ports, and points
 * the service under test at them. The addresses are kept in system properties because Quarkus may load this
 * class again in a fresh class loader for each test profile, and one JVM must still get one broker.
 */
public class DevStackTestResource implements QuarkusTestResourceLifecycleManager {

    static final String MONGO_PROPERTY = "devstack.test.mongo";
    static final String KAFKA_PROPERTY = "devstack.test.kafka";
    static final String MAIL_PROPERTY = "devstack.test.mail";

    @Override
    public Map<String, String> start() {
        MailServer mail = mail();
        return Map.of(
                "quarkus.mongodb.connection-string", mongoConnectionString(),
                "kafka.bootstrap.servers", kafkaBootstrapServers(),
                "quarkus.mailer.host", mail.host(),
                "quarkus.mailer.port", String.valueOf(mail.smtpPort()),
                "quarkus.mailer.mock", "false",
                "quarkus.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; stopped by the JVM's shutdown hook.
    }

    public static synchronized String mongoConnectionString() {
        String running = System.getProperty(MONGO_PROPERTY);
        if (running == null) {
            EmbeddedMongo mongo = EmbeddedMongo.inMemory("127.0.0.1", 0);
            Runtime.getRuntime().addShutdownHook(new Thread(mongo::close, "devstack-test-mongo-stop"));
            running = mongo.connectionString();
            System.setProperty(MONGO_PROPERTY, running);
        }
        return running;
    }

    public static synchronized String kafkaBootstrapServers() {
        String running = System.getProperty(KAFKA_PROPERTY);
        if (running == null) {
            Path logDir = tempDir();
            EmbeddedKafka kafka = EmbeddedKafka.start(logDir, "127.0.0.1", 0, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "devstack-test-kafka-stop"));
            running = kafka.bootstrapServers();
            System.setProperty(KAFKA_PROPERTY, running);
        }
        return running;
    }

    /** Where the embedded mail server of this JVM listens, and the URL of its mailbox. */
    public record MailServer(String host, int smtpPort, String mailboxUrl) {
    }

    public static synchronized MailServer mail() {
        String running = System.getProperty(MAIL_PROPERTY);
        if (running == null) {
            EmbeddedMail mail = EmbeddedMail.start("127.0.0.1", 0, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(mail::close, "devstack-test-mail-stop"));
            running = mail.smtpHost() + " " + mail.smtpPort() + " " + mail.mailboxUrl();
            System.setProperty(MAIL_PROPERTY, running);
        }
        String[] parts = running.split(" ");
        return new MailServer(parts[0], Integer.parseInt(parts[1]), parts[2]);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("devstack-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
