package de.jobcenter.postfach.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EventSchemaTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everySampleValidatesAgainstItsSchema(EventType type) {
        assertThat(Schemas.violations(type, Resources.json(Resources.sample(type))))
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everySchemaDeclaresRequiredFields(EventType type) {
        assertThat(Resources.schema(type).path("required")).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everySchemaIsADraft202012SchemaOpenToNewFields(EventType type) {
        ObjectNode schema = Resources.schema(type);

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.has("additionalProperties")).isFalse();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("everyRequiredFieldOfEverySchema")
    void aSampleWithoutARequiredFieldIsRejected(EventType type, String pointer) {
        ObjectNode sample = Resources.sample(type);
        JsonPointer field = JsonPointer.compile(pointer);
        ((ObjectNode) sample.at(field.head())).remove(field.last().getMatchingProperty());

        assertThat(Schemas.violations(type, Resources.json(sample))).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void anEventBuiltInJavaValidatesAgainstItsSchema(EventType type) {
        String json = new String(EventJson.write(TestEvents.minimal(type)), StandardCharsets.UTF_8);

        assertThat(Schemas.violations(type, json)).isEmpty();
    }

    @Test
    void anOutlookRouteWithoutItsMailboxIsRejected() {
        ObjectNode sample = Resources.sample(EventType.STAFF_MESSAGE_SENT);
        ((ObjectNode) sample.path("route")).remove("outlookMailbox");

        assertThat(Schemas.violations(EventType.STAFF_MESSAGE_SENT, Resources.json(sample)))
                .isNotEmpty();
    }

    @Test
    void aServiceCenterRouteWithoutItsServiceCenterIsRejected() {
        ObjectNode sample = Resources.sample(EventType.STAFF_MESSAGE_REJECTED);
        ((ObjectNode) sample.path("route")).put("channel", "SERVICE_CENTER");

        assertThat(Schemas.violations(EventType.STAFF_MESSAGE_REJECTED, Resources.json(sample)))
                .isNotEmpty();
    }

    @Test
    void aStaffMessageStartingAConversationNeedsACustomerIdOrACustomerNumber() {
        ObjectNode sample = Resources.sample(EventType.STAFF_MESSAGE_SENT);
        sample.remove(List.of("conversationId", "inReplyTo"));
        String withBoth = Resources.json(sample);
        String withNumberOnly = Resources.json(sample.deepCopy().without("customerId"));
        String withIdOnly = Resources.json(sample.deepCopy().without("customerNumber"));
        String withNeither = Resources.json(sample.deepCopy().without(List.of("customerId", "customerNumber")));

        assertThat(Schemas.violations(EventType.STAFF_MESSAGE_SENT, withBoth)).isEmpty();
        assertThat(Schemas.violations(EventType.STAFF_MESSAGE_SENT, withNumberOnly))
                .isEmpty();
        assertThat(Schemas.violations(EventType.STAFF_MESSAGE_SENT, withIdOnly)).isEmpty();
        assertThat(Schemas.violations(EventType.STAFF_MESSAGE_SENT, withNeither))
                .isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = EventType.class,
            names = {"CUSTOMER_MESSAGE_SUBMITTED", "MESSAGE_ROUTED", "STAFF_MESSAGE_SENT", "ARCHIVE_REQUESTED"})
    void aSubjectOver200OrABodyOver10000CharactersIsRejected(EventType type) {
        String longestSubject = Resources.json(Resources.sample(type).put("subject", "ä".repeat(200)));
        String tooLongSubject = Resources.json(Resources.sample(type).put("subject", "ä".repeat(201)));
        String longestBody = Resources.json(Resources.sample(type).put("body", "ü".repeat(10_000)));
        String tooLongBody = Resources.json(Resources.sample(type).put("body", "ü".repeat(10_001)));

        assertThat(Schemas.violations(type, longestSubject)).isEmpty();
        assertThat(Schemas.violations(type, tooLongSubject)).isNotEmpty();
        assertThat(Schemas.violations(type, longestBody)).isEmpty();
        assertThat(Schemas.violations(type, tooLongBody)).isNotEmpty();
    }

    @Test
    void aFallbackRouteToTheServiceCenterIsRejected() {
        ObjectNode sample = Resources.sample(EventType.OFFICE_CONFIGURATION_ACTIVATED);
        sample.set(
                "fallbackRoute",
                Resources.PLAIN
                        .createObjectNode()
                        .put("channel", "SERVICE_CENTER")
                        .put("officeId", "jc-berlin-mitte")
                        .put("serviceCenterId", "SC-BERLIN"));

        assertThat(Schemas.violations(EventType.OFFICE_CONFIGURATION_ACTIVATED, Resources.json(sample)))
                .isNotEmpty();
    }

    @Test
    void formatsAreEnforced() {
        EventType type = EventType.CUSTOMER_MESSAGE_SUBMITTED;

        assertThat(Schemas.violations(
                        type, Resources.json(Resources.sample(type).put("messageId", "4711"))))
                .isNotEmpty();
        assertThat(Schemas.violations(
                        type, Resources.json(Resources.sample(type).put("submittedAt", "10.03.2025"))))
                .isNotEmpty();
        assertThat(Schemas.violations(
                        type, Resources.json(Resources.sample(type).put("paymentRelevant", "ja"))))
                .isNotEmpty();
    }

    @Test
    void unknownEnumValuesAreRejected() {
        ObjectNode sample = Resources.sample(EventType.DELIVERY_STATUS_CHANGED).put("status", "READ");

        assertThat(Schemas.violations(EventType.DELIVERY_STATUS_CHANGED, Resources.json(sample)))
                .isNotEmpty();
    }

    @Test
    void unknownFieldsAreAllowedByEverySchema() {
        for (EventType type : EventType.values()) {
            ObjectNode sample = Resources.sample(type).put("addedInALaterVersion", true);

            assertThat(Schemas.violations(type, Resources.json(sample)))
                    .as(type.name())
                    .isEmpty();
        }
    }

    /**
     * Every required field, at every depth the sample reaches, as a JSON pointer into the sample:
     * the top level's fields, and those of nested objects such as routes and concern entries.
     */
    static Stream<Arguments> everyRequiredFieldOfEverySchema() {
        return Stream.of(EventType.values()).flatMap(type -> {
            ObjectNode schema = Resources.schema(type);
            if (schema.path("required").isEmpty()) {
                throw new IllegalStateException(type + " schema declares no required fields");
            }
            Set<String> pointers = new LinkedHashSet<>();
            collectRequired(schema, schema, Resources.sample(type), "", pointers);
            return pointers.stream().map(pointer -> Arguments.of(type, pointer));
        });
    }

    private static void collectRequired(
            JsonNode root, JsonNode schema, JsonNode instance, String pointer, Set<String> pointers) {
        if (schema.has("$ref")) {
            collectRequired(root, root.at(schema.get("$ref").asText().substring(1)), instance, pointer, pointers);
        }
        for (JsonNode member : schema.path("allOf")) {
            collectRequired(root, member, instance, pointer, pointers);
        }
        if (instance.isObject()) {
            for (JsonNode name : schema.path("required")) {
                if (instance.has(name.asText())) {
                    pointers.add(pointer + "/" + name.asText());
                }
            }
            List<String> names = new ArrayList<>();
            schema.path("properties").fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (instance.has(name)) {
                    collectRequired(
                            root,
                            schema.path("properties").get(name),
                            instance.get(name),
                            pointer + "/" + name,
                            pointers);
                }
            }
        }
        if (instance.isArray() && !instance.isEmpty() && schema.has("items")) {
            collectRequired(root, schema.get("items"), instance.get(0), pointer + "/0", pointers);
        }
    }
}
