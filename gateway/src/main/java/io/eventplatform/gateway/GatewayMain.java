package io.eventplatform.gateway;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the gateway. A request whose URI is not valid is refused by {@code GatewayErrors} with the suite's
 * {@code {"detail"}} body; Quarkus would otherwise refuse it first, with an empty 400 (the same check,
 * {@code new URI(uri)}), so that check is turned off here, before Quarkus starts. Tests set the same property.
 */
@QuarkusMain
public class GatewayMain {

    public static void main(String... args) {
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(args);
    }
}
