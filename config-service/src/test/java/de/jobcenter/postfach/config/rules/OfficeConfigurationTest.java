package de.jobcenter.postfach.config.rules;

import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.office.ServiceCenterContract;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.kit.problem.FieldError;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every plausibility rule of an office configuration, each as a field error, all at once. */
class OfficeConfigurationTest {
    private static final Catalogue CATALOGUE = Catalogues.standard();
    private static final Set<String> DOMAINS = Set.of("arbeitsagentur.de", "jobcenter-ge.de");
    private static final LocalDate NEXT_ROLLOUT = LocalDate.of(2026, 3, 2);
    private static final RuleContext NO_CONTRACT = new RuleContext(CATALOGUE, DOMAINS, null, NEXT_ROLLOUT);

    private static OfficeConfiguration initial() {
        return OfficeConfiguration.initial(CATALOGUE);
    }

    private static ConcernSetting message(Channel channel, String mailbox) {
        return new ConcernSetting(true, null, null, channel, mailbox, null);
    }

    private static ConcernSetting notOffered(String hint) {
        return new ConcernSetting(false, null, hint, null, null, null);
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    private static RuleContext contract(LocalDate orderedOn, LocalDate effectiveOn) {
        return new RuleContext(CATALOGUE, DOMAINS, new ServiceCenterContract("SC-WEST", orderedOn), effectiveOn);
    }

    @Test
    void aNewOfficeOffersEveryMessageConcernToEakteAndPassesEveryRule() {
        OfficeConfiguration initial = initial();
        assertThat(initial.validate(NO_CONTRACT)).isEmpty();
        assertThat(initial.concerns()).hasSize(10);
        assertThat(initial.concern("PROCESSING_STATUS").orElseThrow().channel()).isEqualTo(Channel.EAKTE);
        assertThat(initial.concern("OTHER").orElseThrow().isOffered()).isTrue();
        assertThat(initial.concern("CHANGE_NOTIFICATION").orElseThrow().channel())
                .isNull();
        assertThat(initial.concern("CHANGE_NOTIFICATION").orElseThrow().isOffered())
                .isTrue();
        assertThat(initial.fallbackRoute()).isEqualTo(FallbackRoute.eakte());
        assertThat(initial.requiresReview()).isTrue();
    }

    @Test
    void returnsAllErrorsOfAChangeAtOnceInTheOrderOfTheForm() {
        OfficeConfiguration config = initial()
                .withFallbackRoute(new FallbackRoute(Channel.SERVICE_CENTER, null))
                .with("OTHER", notOffered("Bitte kommen Sie vorbei."))
                .with("RENT_AND_HEATING", message(Channel.OUTLOOK, "miete@gmail.com"))
                .with("COPY_REQUEST", message(null, null))
                .with("DEADLINE_EXTENSION", notOffered(null));

        List<FieldError> errors = config.validate(NO_CONTRACT);

        assertThat(fields(errors))
                .containsExactly(
                        "fallbackRoute.channel",
                        "concerns.DEADLINE_EXTENSION.hintText",
                        "concerns.COPY_REQUEST.channel",
                        "concerns.RENT_AND_HEATING.outlookMailbox",
                        "concerns.OTHER.offered");
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).isNotBlank());
    }

    @Nested
    class Completeness {
        @Test
        void aConfigurationWithoutConcernsIsRefused() {
            assertThat(fields(new OfficeConfiguration(FallbackRoute.eakte(), true, null).validate(NO_CONTRACT)))
                    .containsExactly("concerns");
        }

        @Test
        void everyCatalogueConcernMustBeConfigured() {
            Map<String, ConcernSetting> concerns = new LinkedHashMap<>(initial().concerns());
            concerns.remove("COPY_REQUEST");
            List<FieldError> errors =
                    new OfficeConfiguration(FallbackRoute.eakte(), true, concerns).validate(NO_CONTRACT);
            assertThat(errors)
                    .containsExactly(new FieldError(
                            "concerns.COPY_REQUEST",
                            "Bitte die Einstellungen für „Anforderung von Kopien (z. B. Bescheide)“ angeben."));
        }

        @Test
        void anUnknownConcernIsNamedWhenItLooksLikeACode() {
            assertThat(fields(initial()
                            .with("PARKING", message(Channel.EAKTE, null))
                            .validate(NO_CONTRACT)))
                    .containsExactly("concerns.PARKING");
        }

        @Test
        void anUnknownConcernWithAnOddKeyIsNotEchoed() {
            List<FieldError> errors =
                    initial().with("<script>", message(Channel.EAKTE, null)).validate(NO_CONTRACT);
            assertThat(fields(errors)).containsExactly("concerns");
        }

        @Test
        void whetherAConcernIsOfferedMustBeSaid() {
            assertThat(fields(initial()
                            .with("COPY_REQUEST", new ConcernSetting(null, null, null, Channel.EAKTE, null, null))
                            .validate(NO_CONTRACT)))
                    .containsExactly("concerns.COPY_REQUEST.offered");
        }

        @Test
        void whetherChangesNeedASecondPersonMustBeSaid() {
            assertThat(fields(new OfficeConfiguration(
                                    FallbackRoute.eakte(), null, initial().concerns())
                            .validate(NO_CONTRACT)))
                    .containsExactly("reviewRequired");
        }

        @Test
        void switchingTheReviewOffIsAValidConfiguration() {
            assertThat(initial().withReviewRequired(false).validate(NO_CONTRACT))
                    .isEmpty();
            assertThat(initial().withReviewRequired(false).requiresReview()).isFalse();
        }
    }

    @Nested
    class Other {
        @Test
        void otherCannotBeSwitchedOffEvenWithAHintText() {
            List<FieldError> errors = initial()
                    .with("OTHER", notOffered("Wir sind telefonisch erreichbar."))
                    .validate(NO_CONTRACT);
            assertThat(errors)
                    .containsExactly(new FieldError(
                            "concerns.OTHER.offered",
                            "„Sonstiges“ wird immer angeboten und kann nicht abgeschaltet werden."));
        }

        @Test
        void otherMayGoToAnyChannel() {
            assertThat(initial()
                            .with("OTHER", message(Channel.OUTLOOK, "post@jobcenter-ge.de"))
                            .validate(NO_CONTRACT))
                    .isEmpty();
        }
    }

    @Nested
    class OfferedAndHintText {
        @Test
        void aConcernNotOfferedNeedsAHintText() {
            assertThat(fields(
                            initial().with("RENT_AND_HEATING", notOffered(null)).validate(NO_CONTRACT)))
                    .containsExactly("concerns.RENT_AND_HEATING.hintText");
        }

        @Test
        void aBlankHintTextCountsAsNone() {
            assertThat(fields(initial()
                            .with("RENT_AND_HEATING", notOffered("  \n  "))
                            .validate(NO_CONTRACT)))
                    .containsExactly("concerns.RENT_AND_HEATING.hintText");
        }

        @Test
        void aConcernNotOfferedWithAHintTextPasses() {
            assertThat(initial()
                            .with(
                                    "EDUCATION_AND_PARTICIPATION",
                                    notOffered("Zuständig ist das Bezirksamt: https://www.berlin.de/but"))
                            .validate(NO_CONTRACT))
                    .isEmpty();
        }

        @Test
        void aConcernNotOfferedMayKeepItsChannelForLater() {
            assertThat(initial()
                            .with(
                                    "COPY_REQUEST",
                                    new ConcernSetting(false, null, "Bitte persönlich.", Channel.EAKTE, null, null))
                            .validate(NO_CONTRACT))
                    .isEmpty();
        }

        @Test
        void anOfferedMessageConcernNeedsAChannel() {
            List<FieldError> errors =
                    initial().with("APPOINTMENT_REQUEST", message(null, null)).validate(NO_CONTRACT);
            assertThat(errors)
                    .containsExactly(new FieldError(
                            "concerns.APPOINTMENT_REQUEST.channel",
                            "Bitte einen Eingangskanal wählen: E-AKTE, Outlook oder Service Center."));
        }

        @Test
        void anOnlineFlowHasNoChannel() {
            assertThat(fields(initial()
                            .with("CHANGE_NOTIFICATION", message(Channel.EAKTE, null))
                            .validate(NO_CONTRACT)))
                    .containsExactly("concerns.CHANGE_NOTIFICATION.channel");
        }

        @Test
        void anOnlineFlowHasNoMailbox() {
            assertThat(fields(initial()
                            .with(
                                    "CONTINUATION_APPLICATION",
                                    new ConcernSetting(true, null, null, null, "wba@jobcenter-ge.de", null))
                            .validate(NO_CONTRACT)))
                    .containsExactly("concerns.CONTINUATION_APPLICATION.outlookMailbox");
        }

        @Test
        void anOnlineFlowNotOfferedNeedsAHintText() {
            assertThat(fields(initial()
                            .with("CHANGE_NOTIFICATION", notOffered(null))
                            .validate(NO_CONTRACT)))
                    .containsExactly("concerns.CHANGE_NOTIFICATION.hintText");
            assertThat(initial()
                            .with("CHANGE_NOTIFICATION", notOffered("Bitte Formular VÄM in Papier."))
                            .validate(NO_CONTRACT))
                    .isEmpty();
        }

        @Test
        void theOfficeMayOverrideThePaymentRelevance() {
            OfficeConfiguration config = initial()
                    .with("PROCESSING_STATUS", new ConcernSetting(true, null, null, Channel.EAKTE, null, true));
            assertThat(config.validate(NO_CONTRACT)).isEmpty();
            assertThat(config.concern("PROCESSING_STATUS").orElseThrow().effectivePaymentRelevant(false))
                    .isTrue();
            assertThat(initial().concern("RENT_AND_HEATING").orElseThrow().effectivePaymentRelevant(true))
                    .isTrue();
        }
    }

    @Nested
    class OutlookMailbox {
        @Test
        void outlookNeedsAMailbox() {
            List<FieldError> errors = initial()
                    .with("RENT_AND_HEATING", message(Channel.OUTLOOK, null))
                    .validate(NO_CONTRACT);
            assertThat(errors)
                    .containsExactly(new FieldError(
                            "concerns.RENT_AND_HEATING.outlookMailbox", "Bitte das Outlook-Postfach angeben."));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "kdu.berlin-mitte@jobcenter-ge.de",
                    "Team.Leistung@arbeitsagentur.de",
                    "kdu@JOBCENTER-GE.DE",
                    "a+b@jobcenter-ge.de",
                    "  spaces.around@jobcenter-ge.de  "
                })
        void acceptsAddressesOfTheAllowedDomains(String mailbox) {
            assertThat(initial()
                            .with("RENT_AND_HEATING", message(Channel.OUTLOOK, mailbox))
                            .validate(NO_CONTRACT))
                    .isEmpty();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "kein-at-zeichen.jobcenter-ge.de",
                    "@jobcenter-ge.de",
                    "kdu@",
                    "two@@jobcenter-ge.de",
                    "a@b@jobcenter-ge.de",
                    ".dot@jobcenter-ge.de",
                    "dot.@jobcenter-ge.de",
                    "do..ts@jobcenter-ge.de",
                    "space in@jobcenter-ge.de",
                    "umläut@jobcenter-ge.de",
                    "kdu@jobcenter-ge",
                    "kdu@-jobcenter.de",
                    "kdu@jobcenter-ge..de",
                    "\"quoted\"@jobcenter-ge.de",
                    "kdu@jobcenter-ge.de\r\nBcc: x@evil.example"
                })
        void refusesAddressesThatAreNotValid(String mailbox) {
            List<FieldError> errors = initial()
                    .with("RENT_AND_HEATING", message(Channel.OUTLOOK, mailbox))
                    .validate(NO_CONTRACT);
            assertThat(errors)
                    .containsExactly(new FieldError(
                            "concerns.RENT_AND_HEATING.outlookMailbox",
                            "Bitte eine gültige E-Mail-Adresse angeben, z. B. team.leistung@jobcenter-ge.de."));
        }

        @Test
        void refusesALocalPartLongerThan64Characters() {
            String mailbox = "a".repeat(65) + "@jobcenter-ge.de";
            assertThat(fields(initial()
                            .with("RENT_AND_HEATING", message(Channel.OUTLOOK, mailbox))
                            .validate(NO_CONTRACT)))
                    .containsExactly("concerns.RENT_AND_HEATING.outlookMailbox");
            assertThat(initial()
                            .with("RENT_AND_HEATING", message(Channel.OUTLOOK, "a".repeat(64) + "@jobcenter-ge.de"))
                            .validate(NO_CONTRACT))
                    .isEmpty();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "kdu@gmail.com",
                    "kdu@berlin.jobcenter-ge.de",
                    "kdu@jobcenter-ge.de.evil.example",
                    "kdu@arbeitsagentur.de.com",
                    "kdu@xjobcenter-ge.de"
                })
        void refusesOtherDomainsAndSubdomainsNamingTheAllowedOnes(String mailbox) {
            List<FieldError> errors = initial()
                    .with("RENT_AND_HEATING", message(Channel.OUTLOOK, mailbox))
                    .validate(NO_CONTRACT);
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).field()).isEqualTo("concerns.RENT_AND_HEATING.outlookMailbox");
            assertThat(errors.get(0).message())
                    .isEqualTo("Nur Postfächer der Domänen arbeitsagentur.de, jobcenter-ge.de sind erlaubt"
                            + " (Subdomänen nur, wenn sie eigens zugelassen sind).");
        }

        @Test
        void acceptsASubdomainThatIsListed() {
            RuleContext listed =
                    new RuleContext(CATALOGUE, Set.of("jobcenter-ge.de", "berlin.jobcenter-ge.de"), null, NEXT_ROLLOUT);
            assertThat(initial()
                            .with("RENT_AND_HEATING", message(Channel.OUTLOOK, "kdu@berlin.jobcenter-ge.de"))
                            .validate(listed))
                    .isEmpty();
        }

        @Test
        void aMailboxBelongsOnlyToTheOutlookChannel() {
            assertThat(fields(initial()
                            .with("RENT_AND_HEATING", message(Channel.EAKTE, "kdu@jobcenter-ge.de"))
                            .validate(NO_CONTRACT)))
                    .containsExactly("concerns.RENT_AND_HEATING.outlookMailbox");
        }

        @Test
        void theMailboxIsStoredTrimmedWithTheDomainInLowerCase() {
            ConcernSetting setting = message(Channel.OUTLOOK, "  Team.KdU@JobCenter-GE.de ");
            assertThat(setting.outlookMailbox()).isEqualTo("Team.KdU@jobcenter-ge.de");
        }

        @Test
        void everyMailboxInUseIsListedOnceSorted() {
            OfficeConfiguration config = initial()
                    .withFallbackRoute(FallbackRoute.outlook("post@jobcenter-ge.de"))
                    .with("RENT_AND_HEATING", message(Channel.OUTLOOK, "kdu@jobcenter-ge.de"))
                    .with("FURTHER_BENEFITS", message(Channel.OUTLOOK, "kdu@jobcenter-ge.de"))
                    .with(
                            "COPY_REQUEST",
                            new ConcernSetting(
                                    false, null, "Nicht mehr.", Channel.OUTLOOK, "alt@jobcenter-ge.de", null));
            assertThat(config.outlookMailboxes(CATALOGUE))
                    .containsExactly("kdu@jobcenter-ge.de", "post@jobcenter-ge.de");
        }
    }

    @Nested
    class ServiceCenter {
        private final LocalDate orderedOn = LocalDate.of(2026, 1, 15);
        private final LocalDate firstPossible = LocalDate.of(2026, 2, 26);

        private List<FieldError> serviceCenterOn(RuleContext context) {
            return initial()
                    .with("APPOINTMENT_REQUEST", message(Channel.SERVICE_CENTER, null))
                    .validate(context);
        }

        @Test
        void theContractIsEffectiveSixWeeksAfterTheOrder() {
            assertThat(new ServiceCenterContract("SC-WEST", orderedOn).effectiveFrom())
                    .isEqualTo(firstPossible);
        }

        @Test
        void refusesTheServiceCenterWithoutAContract() {
            assertThat(serviceCenterOn(NO_CONTRACT))
                    .containsExactly(new FieldError(
                            "concerns.APPOINTMENT_REQUEST.channel",
                            "Der Service Center ist nur mit einem Vertrag über Unterstützungsleistungen möglich; für"
                                    + " diese Dienststelle ist keiner hinterlegt."));
        }

        @Test
        void refusesTakingEffectOneDayBeforeTheLeadTimeEndsNamingTheFirstPossibleDate() {
            assertThat(serviceCenterOn(contract(orderedOn, firstPossible.minusDays(1))))
                    .containsExactly(new FieldError(
                            "concerns.APPOINTMENT_REQUEST.channel",
                            "Der Service Center ist frühestens ab dem 26.02.2026 möglich (Auftrag vom 15.01.2026 plus"
                                    + " 6 Wochen Einrichtungszeit); die Änderung würde am 25.02.2026 wirksam."));
        }

        @Test
        void acceptsTakingEffectExactlySixWeeksAfterTheOrder() {
            assertThat(serviceCenterOn(contract(orderedOn, firstPossible))).isEmpty();
        }

        @Test
        void acceptsTakingEffectLater() {
            assertThat(serviceCenterOn(contract(orderedOn, firstPossible.plusDays(1))))
                    .isEmpty();
            assertThat(serviceCenterOn(contract(orderedOn, firstPossible.plusYears(1))))
                    .isEmpty();
        }

        @Test
        void refusesTakingEffectOnTheOrderDateItself() {
            assertThat(serviceCenterOn(contract(orderedOn, orderedOn))).hasSize(1);
        }

        @Test
        void countsTheLeadTimeAcrossTheTurnOfTheYearAndLeapDays() {
            LocalDate december = LocalDate.of(2027, 12, 20);
            assertThat(new ServiceCenterContract("SC", december).effectiveFrom())
                    .isEqualTo(LocalDate.of(2028, 1, 31));
            LocalDate january2028 = LocalDate.of(2028, 1, 25);
            assertThat(new ServiceCenterContract("SC", january2028).effectiveFrom())
                    .isEqualTo(LocalDate.of(2028, 3, 7));
            assertThat(serviceCenterOn(contract(january2028, LocalDate.of(2028, 3, 6))))
                    .hasSize(1);
            assertThat(serviceCenterOn(contract(january2028, LocalDate.of(2028, 3, 7))))
                    .isEmpty();
        }

        @Test
        void aConcernNotOfferedMayKeepTheServiceCenterWithoutAContract() {
            assertThat(initial()
                            .with(
                                    "APPOINTMENT_REQUEST",
                                    new ConcernSetting(
                                            false,
                                            null,
                                            "Termine nur telefonisch.",
                                            Channel.SERVICE_CENTER,
                                            null,
                                            null))
                            .validate(NO_CONTRACT))
                    .isEmpty();
        }

        @Test
        void theServiceCenterIsNeverTheFallbackRoute() {
            List<FieldError> errors = initial()
                    .withFallbackRoute(new FallbackRoute(Channel.SERVICE_CENTER, null))
                    .validate(contract(orderedOn, firstPossible));
            assertThat(errors)
                    .containsExactly(new FieldError(
                            "fallbackRoute.channel",
                            "Die Ausweichroute kann nicht der Service Center sein; bitte E-AKTE oder Outlook wählen."));
        }
    }

    @Nested
    class Fallback {
        @Test
        void aFallbackRouteIsRequired() {
            assertThat(fields(initial().withFallbackRoute(null).validate(NO_CONTRACT)))
                    .containsExactly("fallbackRoute.channel");
            assertThat(fields(initial()
                            .withFallbackRoute(new FallbackRoute(null, null))
                            .validate(NO_CONTRACT)))
                    .containsExactly("fallbackRoute.channel");
        }

        @Test
        void anOutlookFallbackNeedsAnAllowedMailbox() {
            assertThat(initial()
                            .withFallbackRoute(FallbackRoute.outlook("post@jobcenter-ge.de"))
                            .validate(NO_CONTRACT))
                    .isEmpty();
            assertThat(fields(initial()
                            .withFallbackRoute(FallbackRoute.outlook(null))
                            .validate(NO_CONTRACT)))
                    .containsExactly("fallbackRoute.outlookMailbox");
            assertThat(fields(initial()
                            .withFallbackRoute(FallbackRoute.outlook("post@web.de"))
                            .validate(NO_CONTRACT)))
                    .containsExactly("fallbackRoute.outlookMailbox");
        }

        @Test
        void anEakteFallbackHasNoMailbox() {
            assertThat(fields(initial()
                            .withFallbackRoute(new FallbackRoute(Channel.EAKTE, "post@jobcenter-ge.de"))
                            .validate(NO_CONTRACT)))
                    .containsExactly("fallbackRoute.outlookMailbox");
        }
    }

    @Nested
    class Texts {
        private List<FieldError> withInfo(String text) {
            return initial()
                    .with("PROCESSING_STATUS", new ConcernSetting(true, text, null, Channel.EAKTE, null, null))
                    .validate(NO_CONTRACT);
        }

        private List<FieldError> withHint(String text) {
            return initial().with("COPY_REQUEST", notOffered(text)).validate(NO_CONTRACT);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Die Bearbeitung dauert derzeit drei Wochen.",
                    "Bitte kommen Sie persönlich vorbei.\nMontags bis freitags, 8–12 Uhr.",
                    "Mehr dazu: https://www.jobcenter-ge.de/Jobcenter/Berlin-Mitte/ (Stand 2026).",
                    "Infos unter https://www.berlin.de/sen/bildung/but?x=1&y=2#abschnitt.",
                    "Tel: 030 5555 1234, Tel.: 030 5555 0",
                    "Hinweis: Bearbeitungszeit < 2 Wochen, Zuschuss > 50 €",
                    "E-Mail: bitte nicht, Fax: ebenfalls nicht",
                    "Öffnungszeiten 8:00 bis 12:30 Uhr; Ärzte & Pflege",
                    "😀 Wir freuen uns auf Ihre Nachricht."
                })
        void acceptsPlainTextWithHttpsLinks(String text) {
            assertThat(withInfo(text)).isEmpty();
            assertThat(withHint(text)).isEmpty();
        }

        @Test
        void acceptsExactly1000CharactersCountedAsCodePoints() {
            assertThat(withInfo("a".repeat(1000))).isEmpty();
            assertThat(withInfo("😀".repeat(1000))).isEmpty();
        }

        @Test
        void refuses1001CharactersNamingTheLength() {
            assertThat(withInfo("a".repeat(1001)))
                    .containsExactly(new FieldError(
                            "concerns.PROCESSING_STATUS.infoText", "Höchstens 1000 Zeichen (jetzt 1001)."));
            assertThat(fields(withHint("😀".repeat(1001)))).containsExactly("concerns.COPY_REQUEST.hintText");
        }

        @Test
        void storesLineBreaksAsNewlinesTrimmedAndNormalised() {
            ConcernSetting setting = new ConcernSetting(
                    true, "  Zeile eins\r\nZeile zwei\rZeile drei  ", "Cafe\u0301", Channel.EAKTE, null, null);
            assertThat(setting.infoText()).isEqualTo("Zeile eins\nZeile zwei\nZeile drei");
            assertThat(setting.hintText()).isEqualTo("Café");
            assertThat(withInfo("Zeile eins\r\nZeile zwei")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Tab\tgetrennt",
                    "Null\u0000Byte",
                    "Escape\u001b[31m",
                    "Bidi \u202Eumgedreht",
                    "Isolat \u2066x\u2069",
                    "Zeilen\u2028trenner",
                    "BOM\uFEFF",
                    "DEL\u007f",
                    "C1\u0085"
                })
        void refusesControlCharactersOtherThanTheLineBreak(String text) {
            assertThat(withInfo(text))
                    .containsExactly(new FieldError(
                            "concerns.PROCESSING_STATUS.infoText",
                            "Enthält unzulässige Steuerzeichen; erlaubt sind Text und Zeilenumbrüche."));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "<b>fett</b>",
                    "<script>alert(1)</script>",
                    "Text </p>",
                    "< img src=x onerror=alert(1)>",
                    "<!-- Kommentar -->",
                    "<?xml version=\"1.0\"?>",
                    "Ampersand &amp; Entity",
                    "Zeichen &#60;script&#62;",
                    "Hex &#x3C;",
                    "<a href=\"https://www.jobcenter-ge.de\">Link</a>"
                })
        void refusesHtml(String text) {
            assertThat(withHint(text))
                    .containsExactly(
                            new FieldError("concerns.COPY_REQUEST.hintText", "Bitte reinen Text ohne HTML eingeben."));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "javascript:alert(1)",
                    "Klicken: JavaScript : alert(1)",
                    "vbscript:msgbox",
                    "http://www.jobcenter-ge.de",
                    "ftp://dateien.example",
                    "file:///etc/passwd",
                    "data:text/html;base64,PHNjcmlwdD4=",
                    "mailto:kdu@jobcenter-ge.de",
                    "tel:+49305555",
                    "Siehe //evil.example und ws://x"
                })
        void refusesOtherUrlSchemes(String text) {
            assertThat(withInfo(text))
                    .containsExactly(new FieldError(
                            "concerns.PROCESSING_STATUS.infoText",
                            "Links bitte nur mit https:// angeben; andere Adressarten sind nicht erlaubt."));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "https://",
                    "https:// leer",
                    "https://user:pw@evil.example/",
                    "https://nodot/x",
                    "https://-x.de"
                })
        void refusesHttpsLinksThatAreNotUsable(String text) {
            assertThat(withInfo(text))
                    .containsExactly(new FieldError(
                            "concerns.PROCESSING_STATUS.infoText",
                            "Enthält einen ungültigen Link; bitte vollständig mit https:// angeben."));
        }

        @Test
        void reportsInfoAndHintTextOfOneConcernSeparately() {
            List<FieldError> errors = initial()
                    .with("COPY_REQUEST", new ConcernSetting(false, "<b>x</b>", "javascript:x", null, null, null))
                    .validate(NO_CONTRACT);
            assertThat(fields(errors))
                    .containsExactly("concerns.COPY_REQUEST.infoText", "concerns.COPY_REQUEST.hintText");
        }
    }
}
