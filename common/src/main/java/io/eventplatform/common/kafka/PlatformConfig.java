package io.eventplatform.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The suite's own settings ({@code platform.*}); connection settings stay in Quarkus's and Kafka's own keys. */
@ConfigMapping(prefix = "eventplatform")
public interface PlatformConfig {

    Outbox outbox();

    Topics topics();

    Consumer consumer();

    Internal internal();

    Directory directory();

    /**
     * Emails of platform administrators: SUPER_ADMIN in every organization (how a first operator gets in), once the
     * account holding the address has verified it.
     */
    Optional<List<String>> platformAdmins();

    /** Account ids of platform administrators, whether or not their email is verified. */
    Optional<List<String>> platformAdminIds();

    interface Outbox {
        /** The collections whose documents carry an {@code outbox} array. */
        Optional<List<String>> collections();

        /** How often the relay looks for entries a nudge did not publish (after a crash, or while Kafka was down). */
        @WithDefault("5s")
        Duration sweepInterval();

        /**
         * How often the sweep reads every outbox collection in full when nothing failed: nudges publish every write
         * that succeeded, so a full read is needed only after a crash (at start) or a failure (at once).
         */
        @WithDefault("5m")
        Duration fullSweepInterval();

        @WithDefault("500")
        int batchSize();

        /**
         * How long the relay gathers nudges before publishing them: one read, one Kafka round trip and one removal
         * per window instead of per write, for this much more delay.
         */
        @WithDefault("25ms")
        Duration batchWindow();

        /** How long a publish may wait for Kafka before the entry is left for the next sweep. */
        @WithDefault("10s")
        Duration sendTimeout();
    }

    interface Topics {
        @WithDefault("3")
        int partitions();

        @WithDefault("1")
        short replicationFactor();

        /** Snapshot topics keep the latest event of every aggregate forever, which is what a rebuild replays. */
        @WithDefault("compact")
        String cleanupPolicy();
    }

    interface Internal {
        /** The credential service-to-service calls present on {@code /internal/} endpoints. */
        Optional<String> token();
    }

    interface Directory {
        /** Build time: whether this service keeps a membership replica and checks permissions with it. */
        @WithDefault("false")
        boolean enabled();
    }

    interface Consumer {
        /** Defaults to the application name, so each service is one consumer group. */
        Optional<String> groupId();

        /**
         * The wait before a failed record is tried again; it doubles with each attempt of the same record, up to
         * {@link #maxRetryBackoff}. A transient failure (the store is down) is retried at this pace for as long as it
         * lasts.
         */
        @WithDefault("1s")
        Duration retryBackoff();

        @WithDefault("30s")
        Duration maxRetryBackoff();

        /** Attempts of a record that keeps failing (not transiently) before it goes to its dead-letter topic. */
        @WithDefault("5")
        int maxAttempts();

        /**
         * How long the group waits for a member that stopped heartbeating (a crashed process) before its partitions
         * move; Kafka's default is 45 s, brokers accept 6 s and more.
         */
        @WithDefault("10s")
        Duration sessionTimeout();

        @WithDefault("3s")
        Duration heartbeatInterval();

        /**
         * How long the broker may hold a fetch to gather more records. A consumer's store writes and offset commit
         * are per batch, so a batch of ten costs little more than a batch of one: the window trades this much
         * projection delay for most of the consumers' CPU when records trickle in (a door scanning one at a time).
         * 0 answers a fetch as soon as one record is there.
         */
        @WithDefault("100ms")
        Duration batchWindow();

        /**
         * Static group membership ({@code group.instance.id}): a stable name of this replica, such as its pod name. A
         * process restarted under the same name takes its partitions back at once instead of after the session
         * timeout. Each replica needs its own name (two processes with one name fence each other out), so there is
         * none by default.
         */
        Optional<String> instanceId();
    }
}
