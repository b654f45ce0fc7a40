package io.eventplatform.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * An SMTP server that keeps every message it receives (GreenMail, any sender, any credentials), and a small HTTP
 * mailbox to read them: {@code GET /messages} (optionally {@code ?to=address}) answers them as JSON, oldest first,
 * each with {@code to}, {@code from}, {@code subject}, {@code text} and {@code received_at}. For local runs and tests
 * only: the services send their account emails here, and a person or a test reads them.
 */
public final class EmbeddedMail implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GreenMail smtp;
    private final HttpServer mailbox;
    private final String host;

    private EmbeddedMail(String host, int smtpPort, int mailboxPort) {
        this.host = host;
        this.smtp = new GreenMail(new ServerSetup(smtpPort, host, ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        try {
            this.mailbox = HttpServer.create(new InetSocketAddress(host, mailboxPort), 0);
        } catch (IOException e) {
            smtp.stop();
            throw new UncheckedIOException("Cannot open the mailbox on port " + mailboxPort, e);
        }
        mailbox.createContext("/messages", this::messages);
        mailbox.start();
    }

    /** Port 0 picks free ports. */
    public static EmbeddedMail start(String host, int smtpPort, int mailboxPort) {
        return new EmbeddedMail(host, smtpPort == 0 ? FreePorts.pick() : smtpPort, mailboxPort);
    }

    public String smtpHost() {
        return host;
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    public String mailboxUrl() {
        return "http://" + host + ":" + mailbox.getAddress().getPort() + "/messages";
    }

    private void messages(HttpExchange exchange) throws IOException {
        String to = queryParameter(exchange.getRequestURI().getRawQuery(), "to");
        List<Map<String, Object>> found = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            Map<String, Object> view = view(message);
            if (to == null || to.equalsIgnoreCase((String) view.get("to"))) {
                found.add(view);
            }
        }
        byte[] body = JSON.writeValueAsBytes(found);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, Object> view(MimeMessage message) {
        try {
            Map<String, Object> view = new LinkedHashMap<>();
            Address[] recipients = message.getAllRecipients();
            view.put("to", recipients == null || recipients.length == 0 ? null : recipients[0].toString());
            view.put("from", message.getFrom() == null ? null : message.getFrom()[0].toString());
            view.put("subject", message.getSubject());
            view.put("text", text(message.getContent()));
            view.put("received_at", message.getReceivedDate() == null ? null : message.getReceivedDate().toInstant().toString());
            return view;
        } catch (MessagingException | IOException e) {
            return Map.of("error", e.toString());
        }
    }

    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof MimeMultipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(text(multipart.getBodyPart(i).getContent()));
            }
            return text.toString();
        }
        return String.valueOf(content);
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        mailbox.stop(0);
        smtp.stop();
    }
}
