package io.eventplatform.gateway.door;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * The door-staff web app (the {@code door} module's files, served from its jar) lives at {@code /door/}. Its files are
 * revalidated on every load instead of cached for a day: the app's service worker keeps them for offline use and
 * replaces them when they change, which a day-long browser cache would delay.
 */
@ApplicationScoped
public class DoorAppRoutes {

    static final String PATH = "/door";

    void install(@Observes Router router) {
        router.routeWithRegex("^" + PATH + "$").order(-800).handler(ctx -> ctx.redirect(PATH + "/"));
        router.route(PATH + "/*").order(-800).handler(ctx -> {
            ctx.addHeadersEndHandler(v -> ctx.response().headers().set("Cache-Control", "no-cache"));
            ctx.next();
        });
    }
}
