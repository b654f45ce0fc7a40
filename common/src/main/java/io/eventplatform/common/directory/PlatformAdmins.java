package io.eventplatform.common.directory;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.kafka.PlatformConfig;
import io.eventplatform.common.security.CurrentUser;

/**
 * The configured platform administrators: by account id, or by email when the caller's token says the email is
 * verified (whoever registers an administrator's address first without owning the mailbox gets nothing).
 */
@ApplicationScoped
public class PlatformAdmins {

    private final Set<String> emails;
    private final Set<String> ids;

    public PlatformAdmins(PlatformConfig config) {
        this.emails = normalised(config.platformAdmins().orElse(List.of())).stream()
                .map(e -> e.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.ids = normalised(config.platformAdminIds().orElse(List.of()));
    }

    public boolean isAdmin(CurrentUser caller) {
        if (!caller.isAuthenticated()) {
            return false;
        }
        if (ids.contains(caller.id())) {
            return true;
        }
        String email = caller.email();
        return caller.emailVerified() && email != null && emails.contains(email.trim().toLowerCase(Locale.ROOT));
    }

    private static Set<String> normalised(List<String> values) {
        return values.stream().map(String::trim).filter(v -> !v.isEmpty()).collect(Collectors.toSet());
    }
}
