package io.eventplatform.gateway.proxy;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the access log may show of a request line: secrets in the query string are replaced. */
public final class AccessLog {

    private static final Set<String> SECRET_PARAMETERS = Set.of("password", "token", "access_token", "refresh_token",
            "secret", "api_key", "apikey", "client_secret");
    private static final Pattern PARAMETER = Pattern.compile("([^&=]+)=([^&]*)");

    private AccessLog() {
    }

    public static String redact(String uri) {
        int query = uri.indexOf('?');
        if (query < 0) {
            return uri;
        }
        StringBuilder out = new StringBuilder(uri.substring(0, query + 1));
        Matcher matcher = PARAMETER.matcher(uri.substring(query + 1));
        int last = 0;
        String rest = uri.substring(query + 1);
        while (matcher.find()) {
            out.append(rest, last, matcher.start());
            String name = matcher.group(1);
            boolean secret = SECRET_PARAMETERS.contains(java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8)
                    .toLowerCase(Locale.ROOT));
            out.append(name).append('=').append(secret ? "***" : matcher.group(2));
            last = matcher.end();
        }
        out.append(rest.substring(last));
        return out.toString();
    }
}
