package de.jobcenter.postfach.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Schemas and samples read from the classpath by the paths {@link EventType} names. */
final class Resources {

    /** A plain mapper, independent of {@link EventJson}, so the tests do not check the mapper against itself. */
    static final ObjectMapper PLAIN = new ObjectMapper();

    private Resources() {}

    static InputStream open(String resource) {
        InputStream in = Resources.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing classpath resource " + resource);
        }
        return in;
    }

    static byte[] bytes(String resource) {
        try (InputStream in = open(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode sample(EventType type) {
        return (ObjectNode) tree(bytes(type.sampleResource()));
    }

    static ObjectNode schema(EventType type) {
        return (ObjectNode) tree(bytes(type.schemaResource()));
    }

    static JsonNode tree(byte[] json) {
        try {
            return PLAIN.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(JsonNode tree) {
        try {
            return PLAIN.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
