package io.eventplatform.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads what {@link EmbeddedMail} received, over its HTTP mailbox: for tests. */
public final class Mailbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_.-]+)");

    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    public Mailbox(String url) {
        this.url = url;
    }

    /** The mailbox of the embedded mail server that {@link DevStackTestResource} started in this JVM. */
    public static Mailbox ofTests() {
        return new Mailbox(DevStackTestResource.mail().mailboxUrl());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(String to, String from, String subject, String text,
            @JsonProperty("received_at") String receivedAt) {

        /** The value of the last {@code token=} in the text (the link a person would open). */
        public Optional<String> token() {
            Matcher matcher = TOKEN.matcher(text == null ? "" : text);
            String last = null;
            while (matcher.find()) {
                last = matcher.group(1);
            }
            return Optional.ofNullable(last);
        }
    }

    /** Every message to {@code address}, oldest first. */
    public List<Message> to(String address) {
        URI uri = URI.create(url + "?to=" + URLEncoder.encode(address, StandardCharsets.UTF_8));
        try {
            String body = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
            return JSON.readValue(body, new TypeReference<List<Message>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The newest message to {@code address} whose subject contains {@code subject}, if any. */
    public Optional<Message> latest(String address, String subject) {
        List<Message> messages = to(address).stream().filter(m -> m.subject() != null && m.subject().contains(subject))
                .toList();
        return messages.isEmpty() ? Optional.empty() : Optional.of(messages.get(messages.size() - 1));
    }
}
