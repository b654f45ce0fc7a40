package io.eventplatform.registration.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * The Ed25519 keys that sign an event's tickets, by the event's id. The last key signs; every key still verifies the
 * tickets it signed (the key id in a ticket picks the key). Private keys are never sent anywhere.
 */
@MongoEntity(collection = TicketKeys.COLLECTION)
public class TicketKeys {

    public static final String COLLECTION = "ticket_keys";

    public ObjectId id;
    public String organizationId;
    public List<Key> keys = new ArrayList<>();
    public long version;

    public static class Key {
        /** Eight hex digits: the four bytes a ticket names its key by. */
        public String keyId;
        /** X.509 SubjectPublicKeyInfo, base64: what a door device imports (WebCrypto "spki"). */
        public String publicKey;
        /** PKCS #8, base64. */
        public String privateKey;
        public Instant createdAt;
    }

    public Key signing() {
        return keys.get(keys.size() - 1);
    }
}
