package io.eventplatform.common.json;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Singleton;

import org.bson.types.ObjectId;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.eventplatform.common.validation.Formats;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The API's JSON conventions, applied to the one ObjectMapper every service uses: snake_case keys, ids as
 * 24-hex strings, datetimes as ISO-8601 UTC with {@code Z} (millisecond precision, as the store keeps them),
 * unknown request fields ignored as the prototype's pydantic models did. Values are read strictly, so that a wrong
 * JSON type is a 422 instead of a guess: a duplicated key, a number for a string, a fraction for a whole number,
 * a number for an enum, a number outside its Java type, a number that is not finite ({@code "NaN"},
 * {@code 1e400}), or a datetime outside {@link Formats#EARLIEST} to
 * {@link Formats#LATEST} in a request are refused.
 */
@Singleton
public class JsonConventions implements ObjectMapperCustomizer {

    /** The mapper of requests and responses: input is held to what the store holds and the API accepts. */
    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper, true);
    }

    private static ObjectMapper apply(ObjectMapper mapper, boolean supportedDatesOnly) {
        SimpleModule module = new SimpleModule("event-platform-conventions");
        module.addSerializer(ObjectId.class, new ObjectIdSerializer());
        module.addSerializer(Instant.class, new InstantSerializer());
        module.addDeserializer(Instant.class, new InstantDeserializer(supportedDatesOnly));
        module.addDeserializer(Double.class, new FiniteDoubleDeserializer(Double.class, null));
        module.addDeserializer(Double.TYPE, new FiniteDoubleDeserializer(Double.TYPE, 0.0));
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper.findAndRegisterModules()
                .registerModule(module)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    /**
     * A mapper with the suite's conventions for code outside a request (event payloads, replicas, tests). It reads any
     * date: what an earlier version stored and published (before 1970, say) stays readable on replay.
     */
    public static ObjectMapper newMapper() {
        return apply(new ObjectMapper(), false);
    }

    static final class ObjectIdSerializer extends StdSerializer<ObjectId> {
        ObjectIdSerializer() {
            super(ObjectId.class);
        }

        @Override
        public void serialize(ObjectId value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toHexString());
        }
    }

    /**
     * ISO-8601 with a zone or an offset, or without either (what HTML date-time inputs send, and what the prototype
     * accepted), which is read as UTC; within the years the store holds.
     */
    static final class InstantDeserializer extends StdDeserializer<Instant> {
        private final boolean supportedDatesOnly;

        InstantDeserializer(boolean supportedDatesOnly) {
            super(Instant.class);
            this.supportedDatesOnly = supportedDatesOnly;
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            String text = parser.getText().trim();
            Instant instant = parse(text);
            if (instant == null || supportedDatesOnly && !Formats.isSupported(instant)) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text, Formats.DATE_TIME_EXPECTED);
            }
            return instant;
        }

        private static Instant parse(String text) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException withoutOffset) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
        }
    }

    /** Text such as "NaN" or "Infinity", and numbers too large for a double, are not numbers the suite can store. */
    static final class FiniteDoubleDeserializer extends NumberDeserializers.DoubleDeserializer {
        FiniteDoubleDeserializer(Class<Double> type, Double emptyValue) {
            super(type, emptyValue);
        }

        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Double value = super.deserialize(parser, context);
            if (value != null && !Double.isFinite(value)) {
                return (Double) context.handleWeirdNumberValue(Double.class, value, "expected a finite number");
            }
            return value;
        }
    }

    static final class InstantSerializer extends StdSerializer<Instant> {
        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(DateTimeFormatter.ISO_INSTANT.format(value.truncatedTo(ChronoUnit.MILLIS)));
        }
    }
}
