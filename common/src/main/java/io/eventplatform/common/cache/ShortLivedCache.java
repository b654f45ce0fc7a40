package io.eventplatform.common.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps replica reads for a moment on the hot paths (registering, scanning at the door). The replica's handlers
 * invalidate an entry after they apply a newer snapshot; a read racing that write, and other replicas of the service,
 * may still serve the older value until the entry expires, so the time to live bounds the staleness.
 */
public final class ShortLivedCache<K, V> {

    private final long ttlNanos;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

    public ShortLivedCache(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    public Optional<V> get(K key, Supplier<Optional<V>> load) {
        Entry<V> entry = entries.get(key);
        long now = System.nanoTime();
        if (entry != null && now - entry.loadedAt < ttlNanos) {
            return entry.value;
        }
        Optional<V> value = load.get();
        if (value.isPresent()) {
            entries.put(key, new Entry<>(value, now));
        } else {
            entries.remove(key);
        }
        return value;
    }

    public void invalidate(K key) {
        entries.remove(key);
    }

    private record Entry<V>(Optional<V> value, long loadedAt) {
    }
}
