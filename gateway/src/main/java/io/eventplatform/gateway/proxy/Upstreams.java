package io.eventplatform.gateway.proxy;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventplatform.gateway.config.GatewayConfig;

/** The configured upstreams, resolved once. */
@ApplicationScoped
public class Upstreams {

    private final List<Upstream> all;

    public Upstreams(GatewayConfig config) {
        this.all = config.upstreams().entrySet().stream()
                .map(Upstreams::resolve)
                .sorted(Comparator.comparing(Upstream::name))
                .toList();
    }

    public List<Upstream> all() {
        return all;
    }

    private static Upstream resolve(Map.Entry<String, GatewayConfig.Upstream> entry) {
        URI url = URI.create(entry.getValue().url());
        int port = url.getPort() != -1 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
        return new Upstream(entry.getKey() + "-service", url.getHost(), port, entry.getValue().prefixes());
    }

    public record Upstream(String name, String host, int port, List<String> prefixes) {
    }
}
