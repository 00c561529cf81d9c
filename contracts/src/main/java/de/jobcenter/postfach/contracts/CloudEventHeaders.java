package de.jobcenter.postfach.contracts;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The CloudEvents binary-mode Kafka headers every record carries. The id is derived from the event's
 * type and business key, so a re-published record keeps its id.
 */
public final class CloudEventHeaders {

    public static final String SPECVERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    public static final String TRACEPARENT = "traceparent";

    private static final String SPEC_VERSION_1_0 = "1.0";
    private static final String SOURCE_PREFIX = "/postfach/";
    private static final String APPLICATION_JSON = "application/json";

    private CloudEventHeaders() {}

    /**
     * The headers for one event, in a stable order. {@code traceparent} is not among them: the
     * tracing instrumentation sets it.
     *
     * @param serviceName the publishing service, e.g. {@code routing-service}
     * @param time when the event happened; written as an RFC 3339 UTC instant
     */
    public static Map<String, String> forEvent(PostfachEvent event, String serviceName, Instant time) {
        Objects.requireNonNull(event, "event is required");
        Objects.requireNonNull(time, "time is required");
        if (serviceName == null || serviceName.isBlank()) {
            throw new IllegalArgumentException("serviceName is required");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SPECVERSION, SPEC_VERSION_1_0);
        headers.put(ID, eventId(event).toString());
        headers.put(TYPE, event.eventType().type());
        headers.put(SOURCE, SOURCE_PREFIX + serviceName);
        headers.put(TIME, DateTimeFormatter.ISO_INSTANT.format(time));
        headers.put(SUBJECT, event.cloudEventSubject());
        headers.put(CONTENT_TYPE, APPLICATION_JSON);
        return Collections.unmodifiableMap(headers);
    }

    /** The CloudEvents id: a UUIDv5 of type and business key in the project namespace. */
    public static UUID eventId(PostfachEvent event) {
        return Uuids.v5(Uuids.NAMESPACE, event.eventType().type() + ":" + event.businessKey());
    }
}
