import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The embedded store's own limit for door batches (issue 15's 5,000 scans/s), with no service in the way: the store
 * writes of batches of 100 scans, straight through the MongoDB driver, from a few threads (devices), on copies of
 * the suite's own registrations with all their indexes (run it after `Bench door`, with the suite still up).
 *   1. each scan's conditional {_id, version} update of its registration, in one bulk write per batch;
 *   2. and the history: one insertMany of the batch's scan records;
 *   3. and the relay's removal of the published outbox entries: one updateMany per batch.
 * Then case 1 again on tiny documents with only the two indexes it needs, the cheapest a scan's effect can be.
 * Prints scans/s and devstack's CPU per scan. Works in a scratch database it drops afterwards.
 *
 *   java -cp "$(ls registration-service/target/quarkus-app/lib/main/org.mongodb.*.jar | paste -sd:)" \
 *       bench/DoorStoreLimit.java [mongodb://127.0.0.1:27017] [seconds=10] [threads=4] [devstack pid]
 */
public class DoorStoreLimit {

    static final int BATCH = 100;

    public static void main(String[] args) throws Exception {
        String uri = args.length > 0 ? args[0] : "mongodb://127.0.0.1:27017";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        long devstack = args.length > 3 ? Long.parseLong(args[3]) : -1;
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase suite = client.getDatabase("registration");
            List<Document> registrations = suite.getCollection("registrations").find().limit(20_000).into(new ArrayList<>());
            Document scan = suite.getCollection("check_in_scans").find().first();
            if (registrations.size() < 10 * BATCH || scan == null) {
                throw new IllegalStateException("run `Bench door` first: the suite's store has no registrations or scans to copy");
            }
            System.out.printf("Door store limit at %s: batches of %d from %d threads, %,d registrations copied%n", uri, BATCH,
                    threads, registrations.size());
            List<Document> tiny = registrations.stream().map(r -> new Document("_id", r.get("_id")).append("version", r.get("version"))).toList();
            String[] cases = {"1. the registrations' conditional updates", "2. and the history inserts", "3. and the outbox removals",
                    "1 on tiny documents (only {_id} and {_id, version})"};
            for (int level = 1; level <= 4; level++) {
                MongoDatabase scratch = client.getDatabase("bench_door_store_limit");
                scratch.drop();
                MongoCollection<Document> target = scratch.getCollection("registrations");
                MongoCollection<Document> history = scratch.getCollection("check_in_scans");
                List<Document> documents = level == 4 ? tiny : registrations;
                if (level == 4) {
                    target.createIndex(new Document("_id", 1).append("version", 1), new IndexOptions().unique(true));
                } else {
                    copyIndexes(suite.getCollection("registrations"), target);
                    copyIndexes(suite.getCollection("check_in_scans"), history);
                }
                for (int i = 0; i < documents.size(); i += 1000) {
                    target.insertMany(documents.subList(i, Math.min(documents.size(), i + 1000)));
                }
                int writes = level == 4 ? 1 : level;
                double cpuBefore = cpuSeconds(devstack);
                long start = System.nanoTime();
                long scans = run(target, history, documents, scan, writes, threads, seconds);
                double elapsed = (System.nanoTime() - start) / 1e9;
                double cpu = cpuSeconds(devstack) - cpuBefore;
                System.out.printf("  %-52s %,6.0f scans/s%s%n", cases[level - 1], scans / elapsed,
                        devstack > 0 ? String.format(", devstack %.3f ms CPU per scan", cpu * 1000 / scans) : "");
                scratch.drop();
            }
        }
    }

    /** Batches of distinct registrations, each written as a door batch is; returns the scans done. */
    static long run(MongoCollection<Document> target, MongoCollection<Document> history, List<Document> documents,
            Document scan, int writes, int threads, int seconds) throws Exception {
        AtomicLongArray versions = new AtomicLongArray(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            versions.set(i, ((Number) documents.get(i).get("version")).longValue());
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        String payload = "x".repeat(1400);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    int first = Math.floorMod(next.getAndAdd(BATCH), documents.size() - BATCH);
                    List<UpdateOneModel<Document>> updates = new ArrayList<>();
                    List<Document> records = new ArrayList<>();
                    List<Object> ids = new ArrayList<>();
                    for (int i = first; i < first + BATCH; i++) {
                        Object id = documents.get(i).get("_id");
                        long version = versions.getAndIncrement(i);
                        String eventId = new ObjectId().toHexString();
                        Date now = new Date();
                        ids.add(id);
                        updates.add(new UpdateOneModel<>(new Document("_id", id).append("version", version), Updates.combine(
                                Updates.set("admissions", new Document("list", new Document("inside", true).append("last_scan", eventId))),
                                Updates.set("checked_in", true), Updates.set("check_in_time", now), Updates.set("updated_at", now),
                                Updates.set("version", version + 1),
                                Updates.push("outbox", new Document("event_id", eventId).append("topic", "registration-events")
                                        .append("key", id.toString()).append("payload", payload).append("created_at", now)))));
                        records.add(new Document(scan).append("_id", eventId));
                    }
                    target.bulkWrite(updates, new BulkWriteOptions().ordered(false));
                    if (writes >= 2) {
                        history.insertMany(records);
                    }
                    if (writes >= 3) {
                        target.updateMany(Filters.in("_id", ids), Updates.pullByFilter(new Document("outbox",
                                new Document("topic", "registration-events"))));
                    }
                    done.addAndGet(BATCH);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return done.get();
    }

    static void copyIndexes(MongoCollection<Document> from, MongoCollection<Document> to) {
        for (Document index : from.listIndexes()) {
            if (!"_id_".equals(index.getString("name"))) {
                IndexOptions options = new IndexOptions().name(index.getString("name")).unique(index.getBoolean("unique", false))
                        .sparse(index.getBoolean("sparse", false));
                if (index.get("partialFilterExpression") != null) {
                    options.partialFilterExpression((Bson) index.get("partialFilterExpression"));
                }
                to.createIndex((Document) index.get("key"), options);
            }
        }
    }

    static double cpuSeconds(long pid) throws Exception {
        if (pid <= 0) {
            return 0;
        }
        String[] fields = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }
}
