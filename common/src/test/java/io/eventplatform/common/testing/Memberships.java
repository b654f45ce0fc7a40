package io.eventplatform.common.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.types.ObjectId;

import io.eventplatform.common.contracts.MembershipEvents.MembershipSnapshot;
import io.eventplatform.common.directory.OrgDirectoryApi.MembershipLookup;
import io.eventplatform.common.error.ApiException;
import io.eventplatform.common.time.Clocks;

/**
 * What org-service's internal membership lookup answers in another service's tests: tests grant roles here, and the
 * service's stand-in for {@code /internal/memberships} (its test profile points the directory's client at itself)
 * serves them.
 */
public final class Memberships {

    private static final Map<String, MembershipLookup> GRANTED = new ConcurrentHashMap<>();

    private Memberships() {
    }

    public static void grant(String organizationId, String userId, String role) {
        GRANTED.put(organizationId + "/" + userId, new MembershipLookup(new MembershipSnapshot(new ObjectId().toHexString(),
                userId, organizationId, role, true, true, true, true, null, Clocks.now(), Clocks.now(), null), 1));
    }

    /** The granted membership, or 404 as org-service answers for a non-member. */
    public static MembershipLookup lookup(String organizationId, String userId) {
        MembershipLookup found = GRANTED.get(organizationId + "/" + userId);
        if (found == null) {
            throw ApiException.notFound("Membership not found");
        }
        return found;
    }
}
