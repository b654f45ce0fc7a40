package io.eventplatform.org.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bson.types.ObjectId;

import io.eventplatform.common.contracts.OrganizationEvents.OrganizationSnapshot;
import io.eventplatform.common.outbox.OutboxEntry;
import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * An organization with its members. {@code version} is the organization aggregate's version (its snapshot
 * changed); {@code revision} changes with every write to the document and guards concurrent changes.
 */
@MongoEntity(collection = Organization.COLLECTION)
public class Organization {

    public static final String COLLECTION = "organizations";

    public ObjectId id;
    public String name;
    public String slug;
    public String logo;
    public String email;
    public String phone;
    public String website;
    public String description;
    public String timezone;
    public String currency;
    public PlanType planType;
    public int maxEvents;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant deletedAt;
    public long version;
    public long revision;
    public List<Member> members = new ArrayList<>();
    public List<OutboxEntry> outbox = new ArrayList<>();

    public String idHex() {
        return id.toHexString();
    }

    public Optional<Member> member(String userId) {
        return members.stream().filter(m -> m.userId.equals(userId)).findFirst();
    }

    public long managers() {
        return members.stream().filter(Member::manages).count();
    }

    public OrganizationSnapshot snapshot() {
        return new OrganizationSnapshot(idHex(), name, slug, logo, email, phone, website, description, timezone,
                currency, planType.name(), maxEvents, createdAt, updatedAt, deletedAt);
    }
}
