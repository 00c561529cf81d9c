package de.jobcenter.postfach.kit.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an adapter can check of a staff message before it publishes it. */
class StaffMessagesTest {
    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);
    private final Map<String, OfficeConfigurationActivated> offices = Map.of(
            "JC-LIVE", office("JC-LIVE", LocalDate.of(2026, 1, 1), false),
            "JC-LATER", office("JC-LATER", LocalDate.of(2027, 1, 1), false),
            "JC-SUSPENDED", office("JC-SUSPENDED", LocalDate.of(2026, 1, 1), true));
    private final OfficeCheck liveOffice =
            OfficeCheck.liveOffice(id -> Optional.ofNullable(offices.get(id)), clock, office -> Optional.empty());

    private static OfficeConfigurationActivated office(String id, LocalDate goLive, boolean suspended) {
        return new OfficeConfigurationActivated(
                id,
                "Jobcenter " + id,
                OfficeType.JOBCENTER,
                goLive,
                suspended,
                1,
                NOW,
                List.of(),
                RouteRef.eakte(id),
                List.of(),
                null);
    }

    private static InboundStaffMessage message(String officeId, String body) {
        return new InboundStaffMessage(
                "SRC-1", officeId, null, null, "123D456789", null, null, "Ihr Antrag", body, false, null);
    }

    private List<FieldError> errorsOf(InboundStaffMessage in) {
        try {
            StaffMessages.accept(in, Channel.EAKTE, RouteRef.eakte(in.officeId()), NOW, liveOffice);
        } catch (ProblemException e) {
            return e.toProblem().errors();
        }
        return List.of();
    }

    @Test
    void acceptsAPlainTextMessageForALiveOffice() {
        var sent = StaffMessages.accept(
                message("JC-LIVE", "Guten Tag,\nIhr Antrag ist da. a < b und <3"),
                Channel.EAKTE,
                RouteRef.eakte("JC-LIVE"),
                NOW,
                liveOffice);

        assertThat(sent.officeId()).isEqualTo("JC-LIVE");
        assertThat(sent.concern()).isEqualTo("OTHER");
    }

    @Test
    void refusesUnknownNotYetLiveAndSuspendedOffices() {
        assertThat(errorsOf(message("JC-UNKNOWN", "Text")))
                .containsExactly(new FieldError("officeId", "Diese Dienststelle ist nicht bekannt."));
        assertThat(errorsOf(message("JC-LATER", "Text")))
                .extracting(FieldError::message)
                .containsExactly("Das Postfach dieser Dienststelle ist noch nicht freigeschaltet.");
        assertThat(errorsOf(message("JC-SUSPENDED", "Text")))
                .extracting(FieldError::message)
                .containsExactly("Das Postfach dieser Dienststelle ist derzeit ausgesetzt.");
    }

    @Test
    void theChannelAddsItsOwnRuleForALiveOffice() {
        OfficeCheck noContract = OfficeCheck.liveOffice(
                id -> Optional.ofNullable(offices.get(id)), clock, office -> Optional.of("Kein Vertrag."));

        assertThatThrownBy(() -> StaffMessages.accept(
                        message("JC-LIVE", "Text"), Channel.EAKTE, RouteRef.eakte("JC-LIVE"), NOW, noContract))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.toProblem().errors())
                                .containsExactly(new FieldError("officeId", "Kein Vertrag.")));
    }

    @Test
    void refusesAnHtmlBodyInsteadOfConvertingOrTruncatingIt() {
        assertThat(errorsOf(message("JC-LIVE", "<html><body><p>Ihr Antrag</p></body></html>")))
                .extracting(FieldError::field)
                .containsExactly("body");
        assertThat(errorsOf(message("JC-LIVE", "Hallo<br>Ihr Antrag ist da")))
                .extracting(FieldError::field)
                .containsExactly("body");
        assertThat(errorsOf(message("JC-LIVE", "x".repeat(10_001))))
                .extracting(FieldError::message)
                .containsExactly("Höchstens 10000 Zeichen (jetzt 10001).");
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        var in = new InboundStaffMessage(
                "bad id with spaces",
                "JC-UNKNOWN",
                null,
                null,
                null,
                null,
                "lower",
                "a\nb",
                "<div>x</div>",
                true,
                null);

        assertThat(errorsOf(in))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("sourceId", "officeId", "concern", "customerNumber", "subject", "body");
    }

    private static final ObjectMapper STRICT = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void refusesAttachmentsWithAnExplanation() {
        assertThatThrownBy(() -> StaffMessageJson.read(
                        json(
                                "{\"sourceId\":\"S\",\"subject\":\"s\",\"body\":\"b\",\"Attachments\":[{\"name\":\"a.pdf\"}]}"),
                        InboundStaffMessage.class,
                        STRICT))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.toProblem().status()).isEqualTo(400);
                    assertThat(e.toProblem().errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("attachments");
                        assertThat(error.message()).startsWith("Anhänge werden noch nicht unterstützt.");
                    });
                });
    }

    @Test
    void readsAValidMessageAndLeavesUnknownFieldsToTheStrictMapper() throws Exception {
        InboundStaffMessage in = StaffMessageJson.read(
                json("{\"sourceId\":\"S-1\",\"officeId\":\"JC-LIVE\",\"subject\":\"s\",\"body\":\"b\","
                        + "\"sentAt\":\"2026-11-29T08:00:00Z\"}"),
                InboundStaffMessage.class,
                STRICT);
        assertThat(in.sourceId()).isEqualTo("S-1");
        assertThat(in.sentAt()).isEqualTo(NOW);

        assertThatThrownBy(() -> StaffMessageJson.read(
                        json("{\"sourceId\":\"S\",\"bcc\":\"x@y.de\"}"), InboundStaffMessage.class, STRICT))
                .isInstanceOf(UnrecognizedPropertyException.class);
        assertThatThrownBy(() -> StaffMessageJson.read(json("[1,2]"), InboundStaffMessage.class, STRICT))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> StaffMessageJson.read(new byte[0], InboundStaffMessage.class, STRICT))
                .isInstanceOf(ProblemException.class);
    }
}
