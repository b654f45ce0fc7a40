package io.eventplatform.common.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Concurrent callers asking another service the same thing share one call: the first one makes it, the others wait
 * for its answer (or its exception). A rush of requests that all miss a local replica at once (an event just
 * published, a member just added) then sends the other service one call, not one per request. Nothing is kept once
 * the call is answered.
 */
public final class SingleFlight<K, V> {

    private final Map<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

    public V call(K key, Supplier<V> call) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> shared = inFlight.putIfAbsent(key, mine);
        if (shared != null) {
            try {
                return shared.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            V answer = call.get();
            mine.complete(answer);
            return answer;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }
}
