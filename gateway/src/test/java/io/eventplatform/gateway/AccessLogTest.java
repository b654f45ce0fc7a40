package io.eventplatform.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.eventplatform.gateway.proxy.AccessLog;

class AccessLogTest {

    @Test
    void passwordsAndTokensInTheQueryAreRedacted() {
        assertEquals("/api/auth/login?email=a%40b.co&password=***",
                AccessLog.redact("/api/auth/login?email=a%40b.co&password=hunter22"));
        assertEquals("/x?Password=***&access_token=***&page=2",
                AccessLog.redact("/x?Password=p&access_token=t&page=2"));
        assertEquals("/api/events?search=summit", AccessLog.redact("/api/events?search=summit"));
        assertEquals("/api/events", AccessLog.redact("/api/events"));
    }
}
