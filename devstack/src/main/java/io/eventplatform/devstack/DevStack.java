package io.eventplatform.devstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded infrastructure as a standalone process for local runs: the Mongo-wire store on an H2 file
 * and the Kafka broker, both keeping their data under the data directory, plus the local JWT key pair.
 *
 * <pre>
 * java -cp 'devstack/target/devstack.jar:devstack/target/lib/*' io.eventplatform.devstack.DevStack \
 *     [--data-dir .data] [--host 127.0.0.1] [--mongo-port 27017] [--kafka-port 9092] [--kafka-controller-port 9093]
 *     [--mail-port 3025] [--mailbox-port 8025] [--no-mongo] [--no-kafka] [--no-mail] [--in-memory]
 * </pre>
 * {@code --in-memory} keeps the store in memory (nothing survives a restart): for benchmarks of the services rather
 * than of the H2 file. The mail server (SMTP) keeps what the services send; its mailbox shows it as JSON.
 * <pre>
 * </pre>
 */
public final class DevStack {

    private DevStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        // The broker's INFO log prints its whole configuration; warnings are what a developer needs here.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // A conditional upsert that finds its document changed collides with its _id by design (the suite's
        // idempotent writes); the store logs each such refusal as an error.
        if (System.getProperty("org.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire.MongoWireProtocolHandler") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire.MongoWireProtocolHandler", "off");
        }
        List<String> argList = Arrays.asList(args);
        if (argList.contains("--help")) {
            System.out.println("Options: --data-dir DIR --host HOST --mongo-port N --kafka-port N "
                    + "--kafka-controller-port N --mail-port N --mailbox-port N --no-mongo --no-kafka --no-mail --in-memory");
            return;
        }
        Path dataDir = Path.of(option(argList, "--data-dir", ".data"));
        String host = option(argList, "--host", "127.0.0.1");
        int mongoPort = Integer.parseInt(option(argList, "--mongo-port", "27017"));
        int kafkaPort = Integer.parseInt(option(argList, "--kafka-port", "9092"));
        int controllerPort = Integer.parseInt(option(argList, "--kafka-controller-port", "9093"));
        int mailPort = Integer.parseInt(option(argList, "--mail-port", "3025"));
        int mailboxPort = Integer.parseInt(option(argList, "--mailbox-port", "8025"));

        JwtKeys.ensure(dataDir.resolve("jwt"));
        EmbeddedMongo mongo = argList.contains("--no-mongo") ? null
                : argList.contains("--in-memory") ? EmbeddedMongo.inMemory(host, mongoPort)
                : EmbeddedMongo.persistent(dataDir.resolve("mongo").resolve("store.mv"), host, mongoPort);
        EmbeddedKafka kafka = argList.contains("--no-kafka") ? null
                : EmbeddedKafka.start(dataDir.resolve("kafka"), host, kafkaPort, controllerPort);
        EmbeddedMail mail = argList.contains("--no-mail") ? null : EmbeddedMail.start(host, mailPort, mailboxPort);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (mail != null) {
                mail.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            if (mongo != null) {
                mongo.close();
            }
            stopped.countDown();
        }, "devstack-shutdown"));

        if (mongo != null) {
            System.out.println("devstack mongo ready: " + mongo.connectionString());
        }
        if (kafka != null) {
            System.out.println("devstack kafka ready: " + kafka.bootstrapServers());
        }
        if (mail != null) {
            System.out.println("devstack mail ready: smtp://" + host + ":" + mail.smtpPort() + ", read it at "
                    + mail.mailboxUrl());
        }
        System.out.println("devstack jwt keys: " + dataDir.resolve("jwt").toAbsolutePath());
        System.out.flush();
        stopped.await();
    }

    private static String option(List<String> args, String name, String defaultValue) {
        int index = args.indexOf(name);
        if (index >= 0 && index + 1 < args.size()) {
            return args.get(index + 1);
        }
        String env = System.getenv("DEVSTACK_" + name.substring(2).replace('-', '_').toUpperCase());
        return env != null ? env : defaultValue;
    }
}
