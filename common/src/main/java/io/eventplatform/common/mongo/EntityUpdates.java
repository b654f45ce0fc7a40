package io.eventplatform.common.mongo;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.bson.BsonDocument;
import org.bson.BsonDocumentWriter;
import org.bson.codecs.Codec;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Updates;

import io.eventplatform.common.outbox.OutboxEntry;

/**
 * Builds the single-document write that saves an entity's new state with its events: every field is {@code $set}
 * from the entity (as the codec stores it), the events are appended to the outbox, and the revision is increased.
 * The outbox itself is never overwritten, so entries the relay is publishing at the same moment are not lost or
 * resurrected.
 */
public final class EntityUpdates {

    public static final String REVISION = "revision";
    private static final Set<String> NEVER_SET = Set.of("_id", OutboxEntry.FIELD, REVISION);

    private EntityUpdates() {
    }

    public static <T> Bson saveWithEvents(T entity, CodecRegistry registry, List<OutboxEntry> events) {
        return save(entity, registry, name -> !NEVER_SET.contains(name), events);
    }

    /**
     * {@link #saveWithEvents} for a change known to touch only {@code fields} (top-level, as stored): the other fields
     * are neither sent nor rewritten, which is less work for the store on a hot path.
     */
    public static <T> Bson saveFieldsWithEvents(T entity, CodecRegistry registry, Set<String> fields, List<OutboxEntry> events) {
        return save(entity, registry, name -> fields.contains(name) && !NEVER_SET.contains(name), events);
    }

    private static <T> Bson save(T entity, CodecRegistry registry, Predicate<String> set, List<OutboxEntry> events) {
        @SuppressWarnings("unchecked")
        Codec<T> codec = (Codec<T>) registry.get(entity.getClass());
        BsonDocument encoded = new BsonDocument();
        codec.encode(new BsonDocumentWriter(encoded), entity, EncoderContext.builder().build());
        BsonDocument fields = new BsonDocument();
        encoded.forEach((name, value) -> {
            if (set.test(name)) {
                fields.put(name, value);
            }
        });
        return Updates.combine(new BsonDocument("$set", fields), Updates.pushEach(OutboxEntry.FIELD, events),
                Updates.inc(REVISION, 1L));
    }
}
