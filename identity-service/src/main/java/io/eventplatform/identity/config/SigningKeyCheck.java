package io.eventplatform.identity.config;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;

/**
 * identity-service has no built-in signing key: it refuses to start until one is configured, with a message that
 * says how, instead of failing on the first login.
 */
@ApplicationScoped
public class SigningKeyCheck {

    void verify(@Observes StartupEvent startup,
            @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> keyLocation,
            @ConfigProperty(name = "smallrye.jwt.sign.key") Optional<String> key) {
        if (keyLocation.isEmpty() && key.isEmpty()) {
            throw new IllegalStateException("No JWT signing key configured: set SMALLRYE_JWT_SIGN_KEY_LOCATION to the "
                    + "RS256 private key (PEM), for example a file mounted from a Kubernetes Secret.");
        }
        try {
            Jwt.claims().subject("startup-check").sign();
        } catch (RuntimeException e) {
            throw new IllegalStateException("The JWT signing key at " + keyLocation.orElse("smallrye.jwt.sign.key")
                    + " cannot sign tokens: " + e.getMessage(), e);
        }
    }
}
