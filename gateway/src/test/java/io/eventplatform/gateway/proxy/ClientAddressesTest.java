package io.eventplatform.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses behindProxies = new ClientAddresses(List.of("10.0.0.0/8", "192.168.1.7", "2001:db8::/32"));

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverItForwards() {
        ClientAddresses direct = new ClientAddresses(List.of());
        assertEquals("203.0.113.9", direct.clientOf("203.0.113.9", List.of("1.2.3.4")));
        assertEquals("203.0.113.9", direct.clientOf("203.0.113.9", List.of()));
        assertEquals("203.0.113.9", behindProxies.clientOf("203.0.113.9", List.of("10.0.0.1", "1.2.3.4")),
                "an untrusted peer's X-Forwarded-For is ignored");
    }

    @Test
    void behindTrustedProxiesTheFirstUntrustedAddressFromTheRightIsTheClient() {
        assertEquals("198.51.100.7", behindProxies.clientOf("10.1.1.1", List.of("198.51.100.7")));
        // The caller wrote the first two entries itself; the proxies appended the rest.
        assertEquals("198.51.100.7", behindProxies.clientOf("10.1.1.1",
                List.of("6.6.6.6, 7.7.7.7, 198.51.100.7, 192.168.1.7", "10.2.2.2")));
        assertEquals("10.1.1.1", behindProxies.clientOf("10.1.1.1", List.of()), "nothing forwarded: the peer");
        assertEquals("10.9.9.9", behindProxies.clientOf("10.1.1.1", List.of("10.9.9.9, 10.8.8.8")),
                "every hop trusted: the first");
        assertEquals("10.8.8.8", behindProxies.clientOf("10.1.1.1", List.of("1.2.3.4, unknown, 10.8.8.8")),
                "an unreadable entry: the nearest trusted proxy");
        assertEquals("192.168.1.8", behindProxies.clientOf("192.168.1.7", List.of("192.168.1.8")), "a /32 trusts one address");
    }

    @Test
    void forwardedAddressesMayCarryPortsAndAreWrittenCanonically() {
        assertEquals("198.51.100.7", behindProxies.clientOf("10.1.1.1", List.of("198.51.100.7:5123")));
        assertEquals("2001:db9::1", behindProxies.clientOf("10.1.1.1", List.of("[2001:db9:0::1]:443")));
        assertEquals("2001:db9::1", behindProxies.clientOf("2001:db8::5", List.of(" 2001:DB9::1 ")));
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        assertEquals("2001:db8:1:2::/64", ClientAddresses.limitKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals("2001:db8:1:2::/64", ClientAddresses.limitKey("2001:db8:1:2::1"));
        assertEquals("198.51.100.7", ClientAddresses.limitKey("198.51.100.7"));
    }

    @Test
    void aTrustedProxyThatIsNoAddressIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new ClientAddresses(List.of("proxy.example.com")));
        assertThrows(IllegalArgumentException.class, () -> new ClientAddresses(List.of("10.0.0.0/33")));
    }
}
