package io.eventplatform.analytics.repository;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import io.eventplatform.common.consumer.ReplayGeneration;
import io.eventplatform.common.mongo.UniqueInserts;
import io.quarkus.runtime.StartupEvent;

/**
 * Which generation of the projections is current. Each generation has its own collections ({@code <name>_g<n>}); a
 * rebuild raises the generation, every consumer replays its topics into the new collections, and the old ones are
 * dropped. Only the consumer thread switches generations ({@link #refresh}, between batches), so a batch is applied
 * to one generation; readers use the generation the consumer switched to.
 */
@ApplicationScoped
public class GenerationRepository implements ReplayGeneration {

    public static final String EVENT_STATS = "event_stats";
    public static final String REGISTRATION_STATES = "registration_states";
    private static final Logger LOG = Logger.getLogger(GenerationRepository.class);
    private static final String CURRENT = "current";
    private static final Pattern GENERATION_COLLECTION = Pattern.compile("(" + EVENT_STATS + "|" + REGISTRATION_STATES + ")_g(\\d+)");

    private final MongoDatabase database;
    private final MongoCollection<Document> generations;
    private volatile long current = 1;
    private volatile long indexed;

    public GenerationRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.database = mongo.getDatabase(database);
        this.generations = this.database.getCollection("projection_generation");
    }

    void onStart(@Observes StartupEvent startup) {
        UniqueInserts.insertIfAbsent(generations, new Document("_id", CURRENT).append("generation", 1L));
        refresh();
        dropAllBut(current);
    }

    public long current() {
        return current;
    }

    public MongoCollection<Document> collection(String name) {
        return database.getCollection(name + "_g" + current);
    }

    @Override
    public long refresh() {
        try {
            Document found = generations.find(Filters.eq("_id", CURRENT)).first();
            long stored = found == null ? current : found.get("generation", Number.class).longValue();
            if (indexed != stored) {
                database.getCollection(EVENT_STATS + "_g" + stored).createIndex(Indexes.ascending("organization_id"));
                database.getCollection(REGISTRATION_STATES + "_g" + stored).createIndex(Indexes.ascending("event_id"));
                indexed = stored;
            }
            if (stored != current) {
                current = stored;
                // This replica writes to the old generation no more; the last replica to switch leaves none of it.
                dropAllBut(current);
            }
        } catch (MongoException e) {
            LOG.warnf("Cannot read the projection generation, keeping %d: %s", current, e.getMessage());
        }
        return current;
    }

    /**
     * Starts a rebuild: a new, empty generation that the consumers switch to before their next batch and fill from
     * the beginning of the topics.
     */
    public long raise() {
        Document raised = generations.findOneAndUpdate(Filters.eq("_id", CURRENT), Updates.inc("generation", 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return raised.get("generation", Number.class).longValue();
    }

    private void dropAllBut(long generation) {
        for (String name : database.listCollectionNames()) {
            Matcher matcher = GENERATION_COLLECTION.matcher(name);
            if (matcher.matches() && Long.parseLong(matcher.group(2)) != generation) {
                database.getCollection(name).drop();
            }
        }
    }
}
