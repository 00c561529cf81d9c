package de.jobcenter.postfach.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and writes event payloads. Event JSON is tolerant where REST JSON is strict: unknown fields
 * are ignored so that a producer may add fields before its consumers know them. Failures are
 * reported without the payload, which is message content.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    /** Field names as the records declare them; anything else in a path is not echoed. */
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private EventJson() {}

    /**
     * The shared event mapper. Do not reconfigure it; take {@link ObjectMapper#copy()} for a variant.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(PostfachEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UndecodableEventException(
                    "Cannot encode " + event.eventType().type() + ": " + problem(e));
        }
    }

    public static <T extends PostfachEvent> T read(byte[] json, Class<T> payloadClass) {
        return decode(json, payloadClass, payloadClass.getSimpleName());
    }

    public static PostfachEvent read(byte[] json, EventType type) {
        return decode(json, type.payloadClass(), type.type());
    }

    private static <T> T decode(byte[] json, Class<T> payloadClass, String what) {
        if (json == null || json.length == 0) {
            throw new UndecodableEventException("Cannot decode " + what + ": no payload");
        }
        T event;
        try {
            event = MAPPER.readValue(json, payloadClass);
        } catch (IOException e) {
            throw new UndecodableEventException("Cannot decode " + what + ": " + problem(e));
        }
        if (event == null) {
            throw new UndecodableEventException("Cannot decode " + what + ": the payload is JSON null");
        }
        return event;
    }

    /** The kind of problem and where it is; never the parser's own message, which may quote the payload. */
    private static String problem(IOException e) {
        StringBuilder problem = new StringBuilder(e.getClass().getSimpleName());
        if (e instanceof ValueInstantiationException
                && (e.getCause() instanceof NullPointerException || e.getCause() instanceof IllegalArgumentException)
                && e.getCause().getMessage() != null) {
            // thrown by the records' own checks, whose messages name a field and never a value
            problem.append(" (").append(e.getCause().getMessage()).append(')');
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            problem.append(" at ").append(path(mapping.getPath()));
        }
        if (e instanceof JsonProcessingException processing) {
            JsonLocation location = processing.getLocation();
            if (location != null && location.getLineNr() > 0) {
                problem.append(" (line ")
                        .append(location.getLineNr())
                        .append(", column ")
                        .append(location.getColumnNr())
                        .append(')');
            }
        }
        return problem.toString();
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else {
                String field = reference.getFieldName();
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(field != null && FIELD_NAME.matcher(field).matches() ? field : "?");
            }
        }
        return path.toString();
    }
}
