package io.eventplatform.registration.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.eventplatform.registration.repository.InventoryRepository;

/**
 * Removes the holds of stored registrations in batches, off the request path: one update per event for every
 * registration stored meanwhile. A hold that is not settled (the service stopped) is settled by the reconciler,
 * which finds its registration holding the seat, so settling late never changes a count.
 */
@ApplicationScoped
public class HoldSettler {

    private static final Logger LOG = Logger.getLogger(HoldSettler.class);

    private final InventoryRepository inventory;
    private final ConcurrentLinkedQueue<String[]> stored = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "hold-settler"));

    public HoldSettler(InventoryRepository inventory) {
        this.inventory = inventory;
    }

    public void stored(String eventId, String holdId) {
        stored.add(new String[] { eventId, holdId });
        if (!worker.isShutdown() && scheduled.compareAndSet(false, true)) {
            try {
                worker.execute(this::settle);
            } catch (RejectedExecutionException e) {
                scheduled.set(false);
            }
        }
    }

    private void settle() {
        scheduled.set(false);
        Map<String, List<String>> byEvent = new HashMap<>();
        String[] next;
        while ((next = stored.poll()) != null) {
            byEvent.computeIfAbsent(next[0], e -> new ArrayList<>()).add(next[1]);
        }
        try {
            byEvent.forEach(inventory::settleAll);
        } catch (RuntimeException e) {
            LOG.warnf("Settling holds failed; the reconciler will settle them: %s", e.toString());
        }
    }

    @PreDestroy
    void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
