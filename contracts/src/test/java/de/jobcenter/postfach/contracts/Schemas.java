package de.jobcenter.postfach.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The event schemas, loaded from the classpath like a consumer would, with format assertions on. */
final class Schemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static final Map<EventType, Schema> SCHEMAS = new EnumMap<>(EventType.class);

    private Schemas() {}

    /** The schema's violations for a JSON document, as readable messages; empty when it is valid. */
    static List<String> violations(EventType type, String json) {
        return schema(type).validate(json, InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    private static synchronized Schema schema(EventType type) {
        return SCHEMAS.computeIfAbsent(type, t -> {
            try (InputStream in = Resources.open(t.schemaResource())) {
                return REGISTRY.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
