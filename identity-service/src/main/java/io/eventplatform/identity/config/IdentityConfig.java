package io.eventplatform.identity.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "eventplatform.jwt")
public interface IdentityConfig {

    String issuer();

    String audience();

    /** How long an access token is valid. */
    @WithDefault("P7D")
    Duration lifetime();
}
