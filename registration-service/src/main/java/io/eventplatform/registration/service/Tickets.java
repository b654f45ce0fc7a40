package io.eventplatform.registration.service;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.github.benmanes.caffeine.cache.Caffeine;

import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.mongo.ConditionalSaves;
import io.eventplatform.common.time.Clocks;
import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.domain.TicketKeys;
import io.eventplatform.registration.repository.RegistrationRepository;
import io.eventplatform.registration.repository.TicketKeyRepository;

/**
 * What a ticket's QR code says. A registration's random {@code qr_code} is a ticket, and so is a signed ticket:
 * {@value #SIGNED_PREFIX} and the base64url of a {@value #PAYLOAD}-byte payload (format 1, the registration's, event's
 * and ticket type's ids, the ticket's serial, the signing key's id) followed by its Ed25519 signature under the event's
 * key. A door device checks a signed ticket with the event's public keys alone. Cancelling or rejecting a registration
 * raises its serial, which revokes every ticket it had. A scanner accepts both forms.
 */
@ApplicationScoped
public class Tickets {

    public static final String SIGNED_PREFIX = "EP1.";
    static final int PAYLOAD = 45;
    private static final int SIGNATURE = 64;
    private static final byte FORMAT = 1;
    private static final String ALGORITHM = "Ed25519";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Refusal REVOKED = new Refusal("revoked", "This ticket was replaced or cancelled: ask for the current one");

    /** A registration a scanned code names; {@code revoked}: by a ticket it no longer has. */
    public record Scanned(Registration registration, boolean revoked) {

        /** Why the code does not let its holder in, before any list's rules: the registration's status, or revocation. */
        public Optional<Refusal> refusal() {
            Optional<Refusal> status = RegistrationRules.statusRefusal(registration);
            return status.isPresent() || !revoked ? status : Optional.of(REVOKED);
        }
    }

    private final RegistrationRepository registrations;
    private final TicketKeyRepository keys;
    private final CatalogLookup catalog;
    /** Decoded keys by event and key id: decoding costs more than signing. */
    private final Map<String, java.security.Key> decoded = Caffeine.newBuilder().maximumSize(10_000)
            .<String, java.security.Key>build().asMap();

    public Tickets(RegistrationRepository registrations, TicketKeyRepository keys, CatalogLookup catalog) {
        this.registrations = registrations;
        this.keys = keys;
        this.catalog = catalog;
    }

    /**
     * What the registration's QR image shows: its signed ticket when its event signs tickets, else its qr_code (also
     * for an event deleted since, whose registrations are cancelled).
     */
    public String codeOf(Registration r) {
        boolean signs;
        try {
            signs = catalog.event(r.eventId).signedTickets();
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            signs = false;
        }
        return signs ? sign(r) : r.qrCode;
    }

    public String sign(Registration r) {
        TicketKeys.Key key = keysOf(new ObjectId(r.eventId), r.organizationId).signing();
        ByteBuffer ticket = ByteBuffer.allocate(PAYLOAD + SIGNATURE).put(FORMAT).put(r.id.toByteArray())
                .put(new ObjectId(r.eventId).toByteArray()).put(new ObjectId(r.ticketTypeId).toByteArray())
                .putInt(r.ticketSerial).putInt(Integer.parseUnsignedInt(key.keyId, 16));
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign((PrivateKey) decoded.computeIfAbsent(r.eventId + "/" + key.keyId + "/private",
                    k -> decode(key.privateKey, true)));
            signer.update(ticket.array(), 0, PAYLOAD);
            ticket.put(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a ticket", e);
        }
        return SIGNED_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(ticket.array());
    }

    /** The registration a scanned code names: by its qr_code, or by a signed ticket whose signature holds. */
    public Optional<Scanned> find(String code) {
        if (!code.startsWith(SIGNED_PREFIX)) {
            return registrations.byQrCode(code).map(r -> new Scanned(r, false));
        }
        return verified(code).flatMap(ticket -> registrations.findByIdOptional(ticket.registrationId())
                .filter(r -> r.eventId.equals(ticket.eventId())).map(r -> new Scanned(r, ticket.revokedFor(r))));
    }

    /** {@link #find} for many codes: the random ones in one query, the signed ones (each checked) in another. */
    public Map<String, Scanned> findAll(Collection<String> codes) {
        Map<String, Claims> signed = new HashMap<>();
        List<String> plain = new ArrayList<>();
        for (String code : codes) {
            if (code.startsWith(SIGNED_PREFIX)) {
                verified(code).ifPresent(ticket -> signed.put(code, ticket));
            } else {
                plain.add(code);
            }
        }
        Map<String, Scanned> found = new HashMap<>();
        registrations.byQrCodes(plain).forEach(r -> found.put(r.qrCode, new Scanned(r, false)));
        Map<ObjectId, Registration> byId = new HashMap<>();
        registrations.byIds(signed.values().stream().map(Claims::registrationId).distinct().toList()).forEach(r -> byId.put(r.id, r));
        signed.forEach((code, ticket) -> Optional.ofNullable(byId.get(ticket.registrationId()))
                .filter(r -> r.eventId.equals(ticket.eventId())).ifPresent(r -> found.put(code, new Scanned(r, ticket.revokedFor(r)))));
        return found;
    }

    /** The event's keys, made at the first need (of concurrent first needs, one makes them and the others read them). */
    public TicketKeys keysOf(ObjectId eventId, String organizationId) {
        return keys.cached(eventId).orElseGet(() -> {
            TicketKeys made = new TicketKeys();
            made.id = eventId;
            made.organizationId = organizationId;
            made.keys.add(newKey(made));
            made.version = 1;
            return keys.insertIfAbsent(made) ? made : keys.fresh(eventId).orElseThrow();
        });
    }

    /** The event's keys as stored now: what devices download (a rotation through another replica shows at once). */
    public TicketKeys currentKeys(ObjectId eventId, String organizationId) {
        return keys.fresh(eventId).orElseGet(() -> keysOf(eventId, organizationId));
    }

    /** A new signing key for the event; tickets signed before stay valid under their own key. */
    public TicketKeys rotate(ObjectId eventId, String organizationId) {
        keysOf(eventId, organizationId);
        return ConditionalSaves.untilSaved("The event's ticket keys are being changed concurrently; try again", attempt -> {
            // Read past the cache: the copy is changed before it is saved, and a failed save must leave no trace.
            TicketKeys current = keys.findByIdOptional(eventId).orElseThrow();
            long version = current.version;
            current.keys.add(newKey(current));
            current.version++;
            return keys.saveIfUnchanged(current, version) ? Optional.of(current) : Optional.empty();
        });
    }

    private record Claims(ObjectId registrationId, String eventId, String ticketTypeId, int serial) {

        /** A ticket the registration no longer has: its serial was raised, or its ticket type changed. */
        boolean revokedFor(Registration r) {
            return serial != r.ticketSerial || !ticketTypeId.equals(r.ticketTypeId);
        }
    }

    private Optional<Claims> verified(String code) {
        byte[] ticket;
        try {
            ticket = Base64.getUrlDecoder().decode(code.substring(SIGNED_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (ticket.length != PAYLOAD + SIGNATURE || ticket[0] != FORMAT) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(ticket, 1, PAYLOAD - 1);
        Claims claims = new Claims(objectId(in), objectId(in).toHexString(), objectId(in).toHexString(), in.getInt());
        String keyId = HexFormat.of().toHexDigits(in.getInt());
        ObjectId eventId = new ObjectId(claims.eventId());
        Optional<TicketKeys.Key> key = keys.cached(eventId).flatMap(k -> keyOf(k, keyId))
                .or(() -> keys.reread(eventId).flatMap(k -> keyOf(k, keyId)));
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify((PublicKey) decoded.computeIfAbsent(claims.eventId() + "/" + keyId + "/public",
                    k -> decode(key.get().publicKey, false)));
            verifier.update(ticket, 0, PAYLOAD);
            return verifier.verify(ticket, PAYLOAD, SIGNATURE) ? Optional.of(claims) : Optional.empty();
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<TicketKeys.Key> keyOf(TicketKeys keys, String keyId) {
        return keys.keys.stream().filter(k -> k.keyId.equals(keyId)).findFirst();
    }

    private static ObjectId objectId(ByteBuffer in) {
        byte[] id = new byte[12];
        in.get(id);
        return new ObjectId(id);
    }

    private static TicketKeys.Key newKey(TicketKeys of) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            TicketKeys.Key key = new TicketKeys.Key();
            do {
                key.keyId = HexFormat.of().toHexDigits(RANDOM.nextInt());
            } while (keyOf(of, key.keyId).isPresent());
            key.publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
            key.privateKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
            key.createdAt = Clocks.now();
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make a ticket key", e);
        }
    }

    private static java.security.Key decode(String base64, boolean isPrivate) {
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            byte[] encoded = Base64.getDecoder().decode(base64);
            return isPrivate ? factory.generatePrivate(new PKCS8EncodedKeySpec(encoded))
                    : factory.generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored ticket key cannot be read", e);
        }
    }
}
