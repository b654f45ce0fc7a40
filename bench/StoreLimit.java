import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The embedded store's raw limit: single-document updates ($inc sold), as a seat taken, from 32 threads, straight
 * through the MongoDB sync driver, so every figure of the benchmark can be read against it. Three cases:
 *   hot:              conditional ({_id, sold < limit}) on ONE document, alone in its collection;
 *   distinct:         conditional ({_id, sold < limit}) on DISTINCT documents of a 20,000-document collection;
 *   distinct, by _id: {_id} alone on the same documents.
 * mongo-java-server uses a unique index only for a filter whose top-level keys are exactly the index's keys
 * (AbstractUniqueIndex.canHandle): {_id, sold: {$lt: ..}} or any $and scans the collection, {_id} does not.
 * Works in a scratch database it drops afterwards.
 *
 *   java -cp "$(ls registration-service/target/quarkus-app/lib/main/org.mongodb.*.jar | paste -sd:)" \
 *       bench/StoreLimit.java [mongodb://127.0.0.1:27017] [seconds=5] [threads=32] [--out=FILE (appends properties)]
 */
public class StoreLimit {

    static final int DOCUMENTS = 20_000;
    static final long LIMIT = Long.MAX_VALUE;

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        String out = null;
        for (String arg : args) {
            if (arg.startsWith("--out=")) {
                out = arg.substring("--out=".length());
            } else {
                positional.add(arg);
            }
        }
        String uri = positional.size() > 0 ? positional.get(0) : "mongodb://127.0.0.1:27017";
        int seconds = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 5;
        int threads = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 32;

        MongoClientSettings settings = MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri))
                .applyToConnectionPoolSettings(pool -> pool.maxSize(threads)).build();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoDatabase scratch = client.getDatabase("bench_store_limit");
            scratch.drop();
            MongoCollection<Document> hotSeats = scratch.getCollection("hot");
            hotSeats.insertOne(new Document("_id", "hot").append("sold", 0L));
            MongoCollection<Document> seats = scratch.getCollection("seats");
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                batch.add(new Document("_id", "seat-" + i).append("sold", 0L));
                if (batch.size() == 1000) {
                    seats.insertMany(batch);
                    batch.clear();
                }
            }

            Properties figures = new Properties();
            System.out.printf("Store raw limit at %s, %d threads, one single-document $inc each:%n", uri, threads);
            measure("hot", "one hot document, {_id, sold < limit}", i -> take(hotSeats, Filters.and(Filters.eq("_id", "hot"),
                    Filters.lt("sold", LIMIT))), threads, seconds, figures);
            measure("distinct", "distinct documents, {_id, sold < limit}", i -> take(seats, Filters.and(Filters.eq("_id",
                    "seat-" + (i % DOCUMENTS)), Filters.lt("sold", LIMIT))), threads, seconds, figures);
            measure("distinct_by_id", "distinct documents, {_id}", i -> take(seats, Filters.eq("_id", "seat-" + (i % DOCUMENTS))),
                    threads, seconds, figures);
            scratch.drop();

            if (out != null) {
                try (Writer writer = Files.newBufferedWriter(Path.of(out), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    figures.store(writer, "StoreLimit against " + uri);
                }
            }
        }
    }

    static void measure(String key, String label, LongConsumer update, int threads, int seconds, Properties figures) throws Exception {
        run(update, threads, 1); // warm-up
        Result result = run(update, threads, seconds);
        System.out.printf("  %-42s %6.0f updates/s, p50 %.2f ms, p99 %.2f ms%n", label + ":", result.rate, result.p50, result.p99);
        figures.put("store." + key + ".rate", String.format("%.0f", result.rate));
        figures.put("store." + key + ".p50", String.format("%.2f", result.p50));
        figures.put("store." + key + ".p99", String.format("%.2f", result.p99));
    }

    /** Takes a seat: one single-document update, which must match. */
    static void take(MongoCollection<Document> seats, Bson filter) {
        if (seats.updateOne(filter, Updates.inc("sold", 1L)).getModifiedCount() != 1) {
            throw new IllegalStateException("update " + filter + " did not match");
        }
    }

    record Result(double rate, double p50, double p99) {
    }

    static Result run(LongConsumer update, int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong next = new AtomicLong();
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        long deadline = started + seconds * 1_000_000_000L;
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    update.accept(next.getAndIncrement());
                    nanos.add(System.nanoTime() - t0);
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return new Result(sorted.size() / elapsed, percentile(sorted, 50), percentile(sorted, 99));
    }

    static double percentile(List<Long> sorted, int percentile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1)) / 1e6;
    }
}
