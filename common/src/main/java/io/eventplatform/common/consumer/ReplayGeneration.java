package io.eventplatform.common.consumer;

/**
 * A service whose state is derived only from topics (a projection) can rebuild it: it raises the generation, and
 * every consumer of the service, in every replica, replays its partitions from the beginning into the new
 * generation. Committed offsets carry the generation they were written in, so a replay interrupted by a crash or a
 * rebalance carries on where it stopped.
 */
public interface ReplayGeneration {

    /** Reads the generation from the store; called by the consumer before each batch. */
    long refresh();
}
