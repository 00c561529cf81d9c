package de.jobcenter.postfach.routing.decision;

import static de.jobcenter.postfach.routing.testdata.MessageBuilder.messageTo;
import static de.jobcenter.postfach.routing.testdata.OfficeBuilder.office;
import static org.assertj.core.api.Assertions.assertThat;

import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.contracts.CustomerMessageSubmitted;
import de.jobcenter.postfach.contracts.FallbackReason;
import de.jobcenter.postfach.contracts.OfficeConfigurationActivated;
import de.jobcenter.postfach.contracts.RouteRef;
import de.jobcenter.postfach.routing.testdata.OfficeBuilder;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every branch of the routing decision. */
class RoutingDecisionTest {
    private static final String OFFICE = "JC-BERLIN-MITTE";
    private static final String OTHER_OFFICE = "JC-BERLIN-PANKOW";
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private static final String INTAKE = "eingangszone.berlin-mitte@jobcenter-ge.de";
    private static final String BENEFITS = "leistungsabteilung.berlin-mitte@jobcenter-ge.de";
    private static final String SERVICE_CENTER = "SC-BERLIN";

    /** The office of most cases: a concern per channel, an online flow, a concern not offered. */
    private static OfficeBuilder berlinMitte() {
        return office(OFFICE)
                .version(7)
                .toEakte("PROCESSING_STATUS")
                .toOutlook("RENT_AND_HEATING", BENEFITS)
                .toOutlook("COPY_REQUEST", INTAKE)
                .toServiceCenter("APPOINTMENT_REQUEST", SERVICE_CENTER)
                .onlineFlow("CHANGE_NOTIFICATION")
                .notOffered("EDUCATION_AND_PARTICIPATION")
                .contract(SERVICE_CENTER, TODAY.minusMonths(3));
    }

    private static RoutingDecision decide(CustomerMessageSubmitted message, OfficeConfigurationActivated office) {
        return RoutingDecision.decide(message, Optional.of(office), TODAY);
    }

    private static RoutingDecision.Routed routed(
            CustomerMessageSubmitted message, OfficeConfigurationActivated office) {
        RoutingDecision decision = decide(message, office);
        assertThat(decision).isInstanceOf(RoutingDecision.Routed.class);
        return (RoutingDecision.Routed) decision;
    }

    @Nested
    class TheConcernsRoute {
        @Test
        void routesToEakteWhenTheOfficeChoseEakte() {
            var decision = routed(
                    messageTo(OFFICE).concern("PROCESSING_STATUS").build(),
                    berlinMitte().build());

            assertThat(decision.route()).isEqualTo(RouteRef.eakte(OFFICE));
            assertThat(decision.fallbackReason()).isNull();
            assertThat(decision.configVersion()).isEqualTo(7);
        }

        @Test
        void routesToTheConcernsOutlookMailboxWhenTheOfficeChoseOutlook() {
            var decision = routed(
                    messageTo(OFFICE).concern("RENT_AND_HEATING").build(),
                    berlinMitte().build());

            assertThat(decision.route()).isEqualTo(RouteRef.outlook(OFFICE, BENEFITS));
            assertThat(decision.fallbackReason()).isNull();
        }

        @Test
        void routesToTheServiceCenterWhileItsContractIsEffective() {
            var decision = routed(
                    messageTo(OFFICE).concern("APPOINTMENT_REQUEST").build(),
                    berlinMitte().build());

            assertThat(decision.route()).isEqualTo(RouteRef.serviceCenter(OFFICE, SERVICE_CENTER));
            assertThat(decision.fallbackReason()).isNull();
        }

        @Test
        void routesToTheServiceCenterOnTheDayItsContractTakesEffect() {
            var office = berlinMitte().contract(SERVICE_CENTER, TODAY).build();

            var decision =
                    routed(messageTo(OFFICE).concern("APPOINTMENT_REQUEST").build(), office);

            assertThat(decision.channel()).isEqualTo(Channel.SERVICE_CENTER);
        }
    }

    @Nested
    class TheFallbackRoute {
        @Test
        void usesTheFallbackForAConcernTheOfficeDoesNotKnow() {
            var decision = routed(
                    messageTo(OFFICE).concern("HOUSING_BENEFIT").build(),
                    berlinMitte().build());

            assertThat(decision.route()).isEqualTo(RouteRef.eakte(OFFICE));
            assertThat(decision.fallbackReason()).isEqualTo(FallbackReason.UNKNOWN_CONCERN);
            assertThat(decision.configVersion()).isEqualTo(7);
        }

        @Test
        void usesTheFallbackForAConcernNotOffered() {
            var decision = routed(
                    messageTo(OFFICE).concern("EDUCATION_AND_PARTICIPATION").build(),
                    berlinMitte().build());

            assertThat(decision.route()).isEqualTo(RouteRef.eakte(OFFICE));
            assertThat(decision.fallbackReason()).isEqualTo(FallbackReason.CONCERN_NOT_OFFERED);
        }

        @Test
        void usesTheFallbackForAnOnlineFlowConcernThatArrivedAnyway() {
            var decision = routed(
                    messageTo(OFFICE).concern("CHANGE_NOTIFICATION").build(),
                    berlinMitte().build());

            assertThat(decision.route()).isEqualTo(RouteRef.eakte(OFFICE));
            assertThat(decision.fallbackReason()).isEqualTo(FallbackReason.ONLINE_FLOW);
        }

        @Test
        void treatsAnOfferedConcernWithoutRouteOrRedirectAsNotOffered() {
            var office = berlinMitte().offeredWithoutRoute("DEADLINE_EXTENSION").build();

            var decision =
                    routed(messageTo(OFFICE).concern("DEADLINE_EXTENSION").build(), office);

            assertThat(decision.fallbackReason()).isEqualTo(FallbackReason.CONCERN_NOT_OFFERED);
        }

        @Test
        void usesTheFallbackWhenTheServiceCenterContractIsNotEffectiveYet() {
            var office =
                    berlinMitte().contract(SERVICE_CENTER, TODAY.plusDays(1)).build();

            var decision =
                    routed(messageTo(OFFICE).concern("APPOINTMENT_REQUEST").build(), office);

            assertThat(decision.route()).isEqualTo(RouteRef.eakte(OFFICE));
            assertThat(decision.fallbackReason()).isEqualTo(FallbackReason.CONCERN_NOT_OFFERED);
        }

        @Test
        void usesTheFallbackWhenTheServiceCenterContractEnded() {
            var office = berlinMitte().withoutContract().build();

            var decision =
                    routed(messageTo(OFFICE).concern("APPOINTMENT_REQUEST").build(), office);

            assertThat(decision.route()).isEqualTo(RouteRef.eakte(OFFICE));
            assertThat(decision.fallbackReason()).isEqualTo(FallbackReason.CONCERN_NOT_OFFERED);
        }

        @Test
        void usesTheFallbackWhenTheContractIsWithAnotherServiceCenter() {
            var office = berlinMitte()
                    .contract("SC-BRANDENBURG", TODAY.minusYears(1))
                    .build();

            var decision =
                    routed(messageTo(OFFICE).concern("APPOINTMENT_REQUEST").build(), office);

            assertThat(decision.fallbackReason()).isEqualTo(FallbackReason.CONCERN_NOT_OFFERED);
        }

        @Test
        void usesAnOutlookFallbackRouteWithItsMailbox() {
            var office = berlinMitte().fallbackToOutlook(INTAKE).build();

            var decision =
                    routed(messageTo(OFFICE).concern("CHANGE_NOTIFICATION").build(), office);

            assertThat(decision.route()).isEqualTo(RouteRef.outlook(OFFICE, INTAKE));
            assertThat(decision.fallbackReason()).isEqualTo(FallbackReason.ONLINE_FLOW);
        }
    }

    @Nested
    class ARolloutBetweenSubmitAndRouting {
        @Test
        void theConfigurationAtRoutingTimeDecides() {
            CustomerMessageSubmitted submittedUnderVersion7 =
                    messageTo(OFFICE).concern("PROCESSING_STATUS").build();
            var version8 = berlinMitte()
                    .version(8)
                    .toOutlook("PROCESSING_STATUS", INTAKE)
                    .build();

            var decision = routed(submittedUnderVersion7, version8);

            assertThat(decision.route()).isEqualTo(RouteRef.outlook(OFFICE, INTAKE));
            assertThat(decision.configVersion()).isEqualTo(8);
            assertThat(decision.fallbackReason()).isNull();
        }

        @Test
        void aConcernNoLongerOfferedGoesToTheFallback() {
            CustomerMessageSubmitted message =
                    messageTo(OFFICE).concern("RENT_AND_HEATING").build();
            var version8 =
                    berlinMitte().version(8).notOffered("RENT_AND_HEATING").build();

            var decision = routed(message, version8);

            assertThat(decision.route()).isEqualTo(RouteRef.eakte(OFFICE));
            assertThat(decision.fallbackReason()).isEqualTo(FallbackReason.CONCERN_NOT_OFFERED);
            assertThat(decision.configVersion()).isEqualTo(8);
        }

        @Test
        void aConcernThatBecameAnOnlineFlowGoesToTheFallback() {
            CustomerMessageSubmitted message =
                    messageTo(OFFICE).concern("COPY_REQUEST").build();
            var version8 = berlinMitte().version(8).onlineFlow("COPY_REQUEST").build();

            var decision = routed(message, version8);

            assertThat(decision.route()).isEqualTo(RouteRef.eakte(OFFICE));
            assertThat(decision.fallbackReason()).isEqualTo(FallbackReason.ONLINE_FLOW);
        }

        @Test
        void aConcernThatLeftTheCatalogueGoesToTheFallback() {
            var version8 = office(OFFICE).version(8).toEakte("OTHER").build();

            var decision = routed(messageTo(OFFICE).concern("RENT_AND_HEATING").build(), version8);

            assertThat(decision.fallbackReason()).isEqualTo(FallbackReason.UNKNOWN_CONCERN);
        }
    }

    @Nested
    class AReply {
        @Test
        void goesBackToEakteWhenTheStaffMessageCameFromThere() {
            var message = messageTo(OFFICE)
                    .concern("RENT_AND_HEATING")
                    .replyVia(RouteRef.eakte(OFFICE))
                    .build();

            var decision = routed(message, berlinMitte().build());

            assertThat(decision.route()).isEqualTo(RouteRef.eakte(OFFICE));
            assertThat(decision.fallbackReason()).isNull();
            assertThat(decision.configVersion()).isEqualTo(7);
        }

        @Test
        void goesBackToTheOutlookMailboxTheStaffMessageCameFrom() {
            var message = messageTo(OFFICE)
                    .concern("RENT_AND_HEATING")
                    .replyVia(RouteRef.outlook(OFFICE, INTAKE))
                    .build();

            var decision = routed(message, berlinMitte().build());

            assertThat(decision.route()).isEqualTo(RouteRef.outlook(OFFICE, INTAKE));
            assertThat(decision.fallbackReason()).isNull();
        }

        @Test
        void recognisesTheMailboxWhateverTheCaseOfItsAddress() {
            var message = messageTo(OFFICE)
                    .replyVia(RouteRef.outlook(OFFICE, "Eingangszone.Berlin-Mitte@jobcenter-ge.de"))
                    .build();

            var decision = routed(message, berlinMitte().build());

            assertThat(decision.channel()).isEqualTo(Channel.OUTLOOK);
            assertThat(decision.fallbackReason()).isNull();
        }

        @Test
        void goesBackToAMailboxThatIsStillAConcernsRouteThoughNotListed() {
            var office = berlinMitte().withoutMailbox(INTAKE).build();
            var message =
                    messageTo(OFFICE).replyVia(RouteRef.outlook(OFFICE, INTAKE)).build();

            var decision = routed(message, office);

            assertThat(decision.route()).isEqualTo(RouteRef.outlook(OFFICE, INTAKE));
        }

        @Test
        void viaAMailboxTheOfficeRemovedFollowsTheConcernWithReplyRouteInvalid() {
            var message = messageTo(OFFICE)
                    .concern("PROCESSING_STATUS")
                    .replyVia(RouteRef.outlook(OFFICE, "alte-gruppe.berlin-mitte@jobcenter-ge.de"))
                    .build();

            var decision = routed(message, berlinMitte().build());

            assertThat(decision.route()).isEqualTo(RouteRef.eakte(OFFICE));
            assertThat(decision.fallbackReason()).isEqualTo(FallbackReason.REPLY_ROUTE_INVALID);
        }

        @Test
        void goesBackToTheServiceCenterWhileTheContractIsEffective() {
            var message = messageTo(OFFICE)
                    .concern("PROCESSING_STATUS")
                    .replyVia(RouteRef.serviceCenter(OFFICE, SERVICE_CENTER))
                    .build();

            var decision = routed(message, berlinMitte().build());

            assertThat(decision.route()).isEqualTo(RouteRef.serviceCenter(OFFICE, SERVICE_CENTER));
            assertThat(decision.fallbackReason()).isNull();
        }

        @Test
        void viaAServiceCenterWhoseContractEndedFollowsTheConcernWithReplyRouteInvalid() {
            var message = messageTo(OFFICE)
                    .concern("RENT_AND_HEATING")
                    .replyVia(RouteRef.serviceCenter(OFFICE, SERVICE_CENTER))
                    .build();

            var decision = routed(message, berlinMitte().withoutContract().build());

            assertThat(decision.route()).isEqualTo(RouteRef.outlook(OFFICE, BENEFITS));
            assertThat(decision.fallbackReason()).isEqualTo(FallbackReason.REPLY_ROUTE_INVALID);
        }

        @Test
        void viaAServiceCenterWhoseContractIsNotEffectiveOnTheRoutingDateIsInvalid() {
            var message = messageTo(OFFICE)
                    .replyVia(RouteRef.serviceCenter(OFFICE, SERVICE_CENTER))
                    .build();

            var decision = routed(
                    message,
                    berlinMitte().contract(SERVICE_CENTER, TODAY.plusWeeks(6)).build());

            assertThat(decision.channel()).isEqualTo(Channel.EAKTE);
            assertThat(decision.fallbackReason()).isEqualTo(FallbackReason.REPLY_ROUTE_INVALID);
        }

        @Test
        void viaAnotherServiceCenterThanTheContractsIsInvalid() {
            var message = messageTo(OFFICE)
                    .replyVia(RouteRef.serviceCenter(OFFICE, "SC-BRANDENBURG"))
                    .build();

            var decision = routed(message, berlinMitte().build());

            assertThat(decision.channel()).isEqualTo(Channel.EAKTE);
            assertThat(decision.fallbackReason()).isEqualTo(FallbackReason.REPLY_ROUTE_INVALID);
        }

        @Test
        void viaARouteOfAnotherOfficeIsInvalid() {
            var message = messageTo(OFFICE)
                    .concern("RENT_AND_HEATING")
                    .replyVia(RouteRef.eakte(OTHER_OFFICE))
                    .build();

            var decision = routed(message, berlinMitte().build());

            assertThat(decision.route()).isEqualTo(RouteRef.outlook(OFFICE, BENEFITS));
            assertThat(decision.fallbackReason()).isEqualTo(FallbackReason.REPLY_ROUTE_INVALID);
        }

        @Test
        void withAnInvalidRouteAndAConcernNotOfferedGoesToTheFallbackWithReplyRouteInvalid() {
            var message = messageTo(OFFICE)
                    .concern("EDUCATION_AND_PARTICIPATION")
                    .replyVia(RouteRef.outlook(OFFICE, "alte-gruppe.berlin-mitte@jobcenter-ge.de"))
                    .build();

            var decision =
                    routed(message, berlinMitte().fallbackToOutlook(INTAKE).build());

            assertThat(decision.route()).isEqualTo(RouteRef.outlook(OFFICE, INTAKE));
            assertThat(decision.fallbackReason()).isEqualTo(FallbackReason.REPLY_ROUTE_INVALID);
        }
    }

    @Nested
    class AnUnknownOffice {
        @Test
        void isDeadLetteredWithAReasonThatCarriesNoContent() {
            var message = messageTo("JC-UNBEKANNT")
                    .subject("GEHEIM-BETREFF")
                    .body("GEHEIM-TEXT")
                    .build();

            RoutingDecision decision = RoutingDecision.decide(message, Optional.empty(), TODAY);

            assertThat(decision).isInstanceOf(RoutingDecision.DeadLettered.class);
            var dead = (RoutingDecision.DeadLettered) decision;
            assertThat(dead.reason()).isEqualTo(DeadLetterReason.UNKNOWN_OFFICE);
            assertThat(dead.detail()).contains("JC-UNBEKANNT").doesNotContain("GEHEIM");
        }
    }

    @Nested
    class AnOfficeThatIsNotLive {
        @Test
        void stillGetsItsMessagesBeforeItsGoLiveDate() {
            var office = berlinMitte().goLiveOn(TODAY.plusDays(1)).build();

            var decision = routed(messageTo(OFFICE).concern("RENT_AND_HEATING").build(), office);

            assertThat(decision.route()).isEqualTo(RouteRef.outlook(OFFICE, BENEFITS));
            assertThat(decision.officeLive()).isFalse();
        }

        @Test
        void stillGetsTheMessagesWrittenBeforeItsSuspension() {
            var office = berlinMitte().suspended().build();

            var decision =
                    routed(messageTo(OFFICE).concern("APPOINTMENT_REQUEST").build(), office);

            assertThat(decision.route()).isEqualTo(RouteRef.serviceCenter(OFFICE, SERVICE_CENTER));
            assertThat(decision.officeLive()).isFalse();
        }

        @Test
        void isLiveFromItsGoLiveDate() {
            var decision = routed(
                    messageTo(OFFICE).build(), berlinMitte().goLiveOn(TODAY).build());

            assertThat(decision.officeLive()).isTrue();
        }
    }

    @Nested
    class APaymentRelevantMessage {
        @Test
        void carriedByOutlookIsAlsoArchived() {
            var message = messageTo(OFFICE)
                    .concern("RENT_AND_HEATING")
                    .paymentRelevant()
                    .build();

            assertThat(routed(message, berlinMitte().build()).archiveCopy()).isTrue();
        }

        @Test
        void carriedByTheServiceCenterIsAlsoArchived() {
            var message = messageTo(OFFICE)
                    .concern("APPOINTMENT_REQUEST")
                    .paymentRelevant()
                    .build();

            assertThat(routed(message, berlinMitte().build()).archiveCopy()).isTrue();
        }

        @Test
        void carriedByEakteNeedsNoSeparateCopy() {
            var message = messageTo(OFFICE)
                    .concern("PROCESSING_STATUS")
                    .paymentRelevant()
                    .build();

            assertThat(routed(message, berlinMitte().build()).archiveCopy()).isFalse();
        }

        @Test
        void thatFallsBackToAnOutlookMailboxIsAlsoArchived() {
            var message = messageTo(OFFICE)
                    .concern("CHANGE_NOTIFICATION")
                    .paymentRelevant()
                    .build();

            var decision =
                    routed(message, berlinMitte().fallbackToOutlook(INTAKE).build());

            assertThat(decision.channel()).isEqualTo(Channel.OUTLOOK);
            assertThat(decision.archiveCopy()).isTrue();
        }

        @Test
        void aMessageThatIsNotPaymentRelevantIsNotArchived() {
            var message = messageTo(OFFICE).concern("RENT_AND_HEATING").build();

            assertThat(routed(message, berlinMitte().build()).archiveCopy()).isFalse();
        }
    }
}
