package io.eventplatform.registration.service;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.bson.Document;

import io.eventplatform.registration.domain.Registration;
import io.eventplatform.registration.repository.RegistrationRepository;

/**
 * Every registration of an event with every field, {@code custom_fields} flattened into one column per key, written
 * row by row from a database cursor: memory stays constant however many registrations there are.
 */
@ApplicationScoped
public class AttendeeExport {

    static final List<String> COLUMNS = List.of("_id", "event_id", "ticket_type_id", "user_id", "first_name", "last_name",
            "email", "phone", "company", "job_title", "status", "payment_status", "payment_amount", "payment_method",
            "payment_date", "transaction_id", "qr_code", "checked_in", "check_in_time", "source", "referral_code", "notes",
            "created_at", "updated_at");

    private final RegistrationRepository registrations;

    /** Text a spreadsheet would run as a formula (=, +, -, @ first) is exported with a leading apostrophe. */
    static Object inert(Object value) {
        if (value instanceof String text && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return value;
    }

    public AttendeeExport(RegistrationRepository registrations) {
        this.registrations = registrations;
    }

    public void writeCsv(String eventId, OutputStream out) throws IOException {
        List<String> customKeys = new ArrayList<>(new TreeSet<>(registrations.customFieldKeys(eventId)));
        List<String> header = new ArrayList<>(COLUMNS);
        customKeys.forEach(key -> header.add("custom_fields." + key));
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (Registration r : registrations.streamOfEvent(eventId)) {
                List<Object> row = new ArrayList<>(header.size());
                row.add(r.idHex());
                row.add(r.eventId);
                row.add(r.ticketTypeId);
                row.add(r.userId);
                row.add(r.firstName);
                row.add(r.lastName);
                row.add(r.email);
                row.add(r.phone);
                row.add(r.company);
                row.add(r.jobTitle);
                row.add(r.status);
                row.add(r.paymentStatus);
                row.add(r.paymentAmount);
                row.add(r.paymentMethod);
                row.add(r.paymentDate);
                row.add(r.transactionId);
                row.add(r.qrCode);
                row.add(r.checkedIn);
                row.add(r.checkInTime);
                row.add(r.source);
                row.add(r.referralCode);
                row.add(r.notes);
                row.add(r.createdAt);
                row.add(r.updatedAt);
                Map<String, Object> custom = r.customFields == null ? Document.parse("{}") : r.customFields;
                customKeys.forEach(key -> row.add(custom.get(key)));
                csv.printRecord(row.stream().map(AttendeeExport::inert).toList());
            }
        }
    }
}
