package io.eventplatform.common.directory;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.common.kafka.PlatformConfig;

/** The configured platform administrators, matched by the email in their verified token. */
@ApplicationScoped
public class PlatformAdmins {

    private final Set<String> emails;

    public PlatformAdmins(PlatformConfig config) {
        this.emails = config.platformAdmins().orElse(java.util.List.of()).stream()
                .map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).collect(Collectors.toSet());
    }

    public boolean isAdmin(String email) {
        return email != null && emails.contains(email.trim().toLowerCase(Locale.ROOT));
    }
}
