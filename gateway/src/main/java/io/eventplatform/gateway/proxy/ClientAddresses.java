package io.eventplatform.gateway.proxy;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventplatform.gateway.config.GatewayConfig;
import io.netty.util.NetUtil;

/**
 * Who the client of a request is: its TCP peer, unless that peer is a trusted proxy
 * ({@code gateway.trusted-proxies}); then X-Forwarded-For is read from the right, past every trusted proxy, and the
 * first address no trusted proxy has is the client. What an untrusted caller writes in X-Forwarded-For never counts.
 */
@ApplicationScoped
public class ClientAddresses {

    private final List<Cidr> trustedProxies;

    @Inject
    public ClientAddresses(GatewayConfig config) {
        this(config.trustedProxies().orElse(List.of()));
    }

    ClientAddresses(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(String::trim).filter(entry -> !entry.isEmpty())
                .map(Cidr::parse).toList();
    }

    /**
     * @param peer the TCP peer's IP address
     * @param forwardedFor every X-Forwarded-For header of the request, in order
     */
    public String clientOf(String peer, List<String> forwardedFor) {
        byte[] hop = NetUtil.createByteArrayFromIpAddressString(peer);
        if (hop == null) {
            return peer;
        }
        List<String> chain = new ArrayList<>();
        forwardedFor.forEach(header -> chain.addAll(List.of(header.split(","))));
        for (int i = chain.size() - 1; i >= 0 && isTrusted(hop); i--) {
            byte[] previous = parse(chain.get(i));
            if (previous == null) {
                break; // unreadable: the nearest trusted proxy is as far as the chain can be believed
            }
            hop = previous;
        }
        return NetUtil.bytesToIpAddress(hop);
    }

    /** An IPv6 client is counted by its /64, the smallest block a network hands out: its addresses are all one client's. */
    public static String limitKey(String clientAddress) {
        byte[] address = NetUtil.createByteArrayFromIpAddressString(clientAddress);
        if (address == null || address.length == 4) {
            return clientAddress;
        }
        byte[] network = new byte[16];
        System.arraycopy(address, 0, network, 0, 8);
        return NetUtil.bytesToIpAddress(network) + "/64";
    }

    private boolean isTrusted(byte[] address) {
        for (Cidr proxy : trustedProxies) {
            if (proxy.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An X-Forwarded-For entry: an address, possibly with a port ({@code 1.2.3.4:80}, {@code [::1]:80}). */
    private static byte[] parse(String entry) {
        String address = entry.trim();
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            address = end < 0 ? address : address.substring(1, end);
        } else if (address.indexOf(':') > 0 && address.indexOf(':') == address.lastIndexOf(':')) {
            address = address.substring(0, address.indexOf(':'));
        }
        return NetUtil.createByteArrayFromIpAddressString(address);
    }

    private record Cidr(byte[] network, int prefixLength) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            byte[] network = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? text : text.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("gateway.trusted-proxies: " + text + " is not an IP address or CIDR block");
            }
            int prefixLength = network.length * 8;
            if (slash >= 0) {
                try {
                    prefixLength = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefixLength = -1;
                }
                if (prefixLength < 0 || prefixLength > network.length * 8) {
                    throw new IllegalArgumentException("gateway.trusted-proxies: " + text + " has an invalid prefix length");
                }
            }
            return new Cidr(network, prefixLength);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int restBits = prefixLength % 8;
            if (restBits == 0) {
                return true;
            }
            int mask = 0xFF << (8 - restBits) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
