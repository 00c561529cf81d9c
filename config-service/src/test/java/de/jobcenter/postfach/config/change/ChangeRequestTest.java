package de.jobcenter.postfach.config.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.jobcenter.postfach.config.access.Actor;
import de.jobcenter.postfach.config.catalogue.Catalogue;
import de.jobcenter.postfach.config.catalogue.CatalogueEntry;
import de.jobcenter.postfach.config.rules.Catalogues;
import de.jobcenter.postfach.config.rules.ConcernSetting;
import de.jobcenter.postfach.config.rules.OfficeConfiguration;
import de.jobcenter.postfach.contracts.Channel;
import de.jobcenter.postfach.kit.problem.CommonProblems;
import de.jobcenter.postfach.kit.problem.FieldError;
import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.kit.problem.ProblemType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The change workflow: every transition, and every refusal with its status. */
class ChangeRequestTest {
    private static final Catalogue CATALOGUE = Catalogues.standard();
    private static final List<String> ORDER =
            CATALOGUE.entries().stream().map(CatalogueEntry::code).toList();
    private static final Actor AUTHOR = new Actor("u-anna", "anna.editor");
    private static final Actor REVIEWER = new Actor("u-ben", "ben.reviewer");
    private static final Actor OTHER_EDITOR = new Actor("u-cem", "cem.editor");
    private static final Instant T0 = Instant.parse("2026-02-23T09:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    private static OfficeConfiguration proposal() {
        return OfficeConfiguration.initial(CATALOGUE)
                .with(
                        "RENT_AND_HEATING",
                        new ConcernSetting(true, null, null, Channel.OUTLOOK, "kdu@jobcenter-ge.de", null));
    }

    private static ChangeRequest draft() {
        return ChangeRequest.draft("JC-TEST", AUTHOR, proposal(), T0);
    }

    private static ChangeRequest submitted() {
        ChangeRequest change = draft();
        change.submit(AUTHOR, true, T0);
        return change;
    }

    private static ChangeRequest approved() {
        ChangeRequest change = submitted();
        change.approve(REVIEWER, T1);
        return change;
    }

    private static ChangeRequest inState(ChangeState state) {
        ChangeRequest change = draft();
        switch (state) {
            case DRAFT -> {}
            case SUBMITTED -> change.submit(AUTHOR, true, T0);
            case APPROVED -> {
                change.submit(AUTHOR, true, T0);
                change.approve(REVIEWER, T1);
            }
            case HELD -> {
                change.submit(AUTHOR, true, T0);
                change.approve(REVIEWER, T1);
                change.hold(List.of(new FieldError("concerns.X.channel", "zu früh")), T1);
            }
            case REJECTED -> {
                change.submit(AUTHOR, true, T0);
                change.reject(REVIEWER, "Bitte Postfach prüfen.", T1);
            }
            case ACTIVE -> {
                change.submit(AUTHOR, true, T0);
                change.approve(REVIEWER, T1);
                change.activate(2, T1);
            }
            case WITHDRAWN -> change.withdraw(AUTHOR, T1);
        }
        assertThat(change.state).isEqualTo(state);
        return change;
    }

    private static void assertRefused(Runnable action, ProblemType type) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.type()).isEqualTo(type));
    }

    @Test
    void aDraftBelongsToItsAuthorAndHoldsTheProposal() {
        ChangeRequest change = draft();
        assertThat(change.state).isEqualTo(ChangeState.DRAFT);
        assertThat(change.isOpen()).isTrue();
        assertThat(change.author()).isEqualTo(AUTHOR);
        assertThat(change.configuration(ORDER)).isEqualTo(proposal());
        assertThat(change.createdAt).isEqualTo(T0);
    }

    @Nested
    class HappyPath {
        @Test
        void draftIsSubmittedApprovedByASecondPersonAndActivated() {
            ChangeRequest change = draft();
            change.submit(AUTHOR, true, T0);
            assertThat(change.state).isEqualTo(ChangeState.SUBMITTED);
            assertThat(change.reviewRequired).isTrue();
            assertThat(change.submittedAt).isEqualTo(T0);

            change.approve(REVIEWER, T1);
            assertThat(change.state).isEqualTo(ChangeState.APPROVED);
            assertThat(change.reviewer()).isEqualTo(REVIEWER);
            assertThat(change.reviewedAt).isEqualTo(T1);
            assertThat(change.isOpen()).isTrue();

            change.activate(7, T1);
            assertThat(change.state).isEqualTo(ChangeState.ACTIVE);
            assertThat(change.activatedVersion).isEqualTo(7);
            assertThat(change.isOpen()).isFalse();
        }

        @Test
        void withoutRequiredReviewSubmittingApproves() {
            ChangeRequest change = draft();
            change.submit(AUTHOR, false, T0);
            assertThat(change.state).isEqualTo(ChangeState.APPROVED);
            assertThat(change.reviewRequired).isFalse();
            assertThat(change.reviewer()).isNull();
        }

        @Test
        void aRejectedChangeGoesBackToItsAuthorWithTheReason() {
            ChangeRequest change = submitted();
            change.reject(REVIEWER, "  Das Postfach gibt es nicht.\r\nBitte prüfen.  ", T1);
            assertThat(change.state).isEqualTo(ChangeState.REJECTED);
            assertThat(change.rejectionReason).isEqualTo("Das Postfach gibt es nicht.\nBitte prüfen.");
            assertThat(change.reviewer()).isEqualTo(REVIEWER);
            assertThat(change.isOpen()).isTrue();
        }

        @Test
        void theAuthorReworksARejectedChangeIntoADraftAndSubmitsItAgain() {
            ChangeRequest change = submitted();
            change.reject(REVIEWER, "Bitte prüfen.", T1);
            OfficeConfiguration reworked = proposal().withReviewRequired(true);
            change.revise(AUTHOR, reworked, T1);
            assertThat(change.state).isEqualTo(ChangeState.DRAFT);
            assertThat(change.rejectionReason).isEqualTo("Bitte prüfen.");

            change.submit(AUTHOR, true, T1);
            assertThat(change.state).isEqualTo(ChangeState.SUBMITTED);
            assertThat(change.rejectionReason).isNull();
            assertThat(change.reviewer()).isNull();
        }

        @Test
        void theAuthorRevisesTheirDraft() {
            ChangeRequest change = draft();
            OfficeConfiguration other = OfficeConfiguration.initial(CATALOGUE);
            change.revise(AUTHOR, other, T1);
            assertThat(change.configuration(ORDER)).isEqualTo(other);
            assertThat(change.updatedAt).isEqualTo(T1);
        }

        @Test
        void anApprovedChangeThatFailsARuleAtTheRolloutIsHeldWithItsReasonsAndActivatedLater() {
            ChangeRequest change = approved();
            FieldError reason = new FieldError("concerns.APPOINTMENT_REQUEST.channel", "frühestens ab dem 26.02.2026");
            change.hold(List.of(reason), T1);
            assertThat(change.state).isEqualTo(ChangeState.HELD);
            assertThat(change.holdReasonList()).containsExactly(reason);
            assertThat(change.isOpen()).isTrue();

            change.hold(List.of(reason, reason), T1);
            assertThat(change.holdReasonList()).hasSize(2);

            change.activate(3, T1);
            assertThat(change.state).isEqualTo(ChangeState.ACTIVE);
            assertThat(change.holdReasonList()).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(
                value = ChangeState.class,
                names = {"DRAFT", "SUBMITTED", "APPROVED", "HELD", "REJECTED"})
        void theAuthorWithdrawsAnOpenChange(ChangeState state) {
            ChangeRequest change = inState(state);
            change.withdraw(AUTHOR, T1);
            assertThat(change.state).isEqualTo(ChangeState.WITHDRAWN);
            assertThat(change.isOpen()).isFalse();
            assertThat(change.closedAt).isEqualTo(T1);
        }
    }

    @Nested
    class FourEyes {
        @Test
        void theAuthorCannotApproveTheirOwnChange() {
            ChangeRequest change = submitted();
            assertRefused(() -> change.approve(AUTHOR, T1), ChangeProblems.OWN_CHANGE);
            assertThat(change.state).isEqualTo(ChangeState.SUBMITTED);
            assertThat(ChangeProblems.OWN_CHANGE.status()).isEqualTo(403);
        }

        @Test
        void theAuthorCannotApproveUnderAnotherDisplayName() {
            ChangeRequest change = submitted();
            assertRefused(
                    () -> change.approve(new Actor(AUTHOR.id(), "Anna (Vertretung)"), T1), ChangeProblems.OWN_CHANGE);
        }

        @Test
        void theAuthorCannotRejectTheirOwnChange() {
            ChangeRequest change = submitted();
            assertRefused(() -> change.reject(AUTHOR, "Doch nicht.", T1), ChangeProblems.OWN_CHANGE);
        }

        @Test
        void ownApprovalIsRefusedBeforeTheStateIsLookedAt() {
            ChangeRequest change = draft();
            assertRefused(() -> change.approve(AUTHOR, T1), ChangeProblems.OWN_CHANGE);
        }

        @Test
        void onlyTheAuthorSubmitsRevisesOrWithdraws() {
            ChangeRequest change = draft();
            assertRefused(() -> change.submit(OTHER_EDITOR, true, T1), ChangeProblems.NOT_AUTHOR);
            assertRefused(() -> change.revise(OTHER_EDITOR, proposal(), T1), ChangeProblems.NOT_AUTHOR);
            assertRefused(() -> change.withdraw(OTHER_EDITOR, T1), ChangeProblems.NOT_AUTHOR);
            assertRefused(() -> approved().withdraw(REVIEWER, T1), ChangeProblems.NOT_AUTHOR);
            assertThat(ChangeProblems.NOT_AUTHOR.status()).isEqualTo(403);
            assertThat(change.state).isEqualTo(ChangeState.DRAFT);
        }
    }

    @Nested
    class WrongState {
        @ParameterizedTest
        @EnumSource(value = ChangeState.class, names = "DRAFT", mode = EnumSource.Mode.EXCLUDE)
        void onlyADraftIsSubmitted(ChangeState state) {
            ChangeRequest change = inState(state);
            assertRefused(() -> change.submit(AUTHOR, true, T1), ChangeProblems.CHANGE_STATE_CONFLICT);
            assertThat(change.state).isEqualTo(state);
        }

        @ParameterizedTest
        @EnumSource(value = ChangeState.class, names = "SUBMITTED", mode = EnumSource.Mode.EXCLUDE)
        void onlyASubmittedChangeIsApproved(ChangeState state) {
            ChangeRequest change = inState(state);
            assertRefused(() -> change.approve(OTHER_EDITOR, T1), ChangeProblems.CHANGE_STATE_CONFLICT);
            assertThat(ChangeProblems.CHANGE_STATE_CONFLICT.status()).isEqualTo(409);
        }

        @ParameterizedTest
        @EnumSource(value = ChangeState.class, names = "SUBMITTED", mode = EnumSource.Mode.EXCLUDE)
        void onlyASubmittedChangeIsRejected(ChangeState state) {
            ChangeRequest change = inState(state);
            assertRefused(() -> change.reject(OTHER_EDITOR, "Nein.", T1), ChangeProblems.CHANGE_STATE_CONFLICT);
        }

        @ParameterizedTest
        @EnumSource(
                value = ChangeState.class,
                names = {"DRAFT", "REJECTED"},
                mode = EnumSource.Mode.EXCLUDE)
        void onlyADraftOrARejectedChangeIsRevised(ChangeState state) {
            ChangeRequest change = inState(state);
            assertRefused(() -> change.revise(AUTHOR, proposal(), T1), ChangeProblems.CHANGE_STATE_CONFLICT);
        }

        @ParameterizedTest
        @EnumSource(
                value = ChangeState.class,
                names = {"ACTIVE", "WITHDRAWN"})
        void aClosedChangeCannotBeWithdrawn(ChangeState state) {
            ChangeRequest change = inState(state);
            assertRefused(() -> change.withdraw(AUTHOR, T1), ChangeProblems.CHANGE_STATE_CONFLICT);
        }

        @ParameterizedTest
        @EnumSource(
                value = ChangeState.class,
                names = {"APPROVED", "HELD"},
                mode = EnumSource.Mode.EXCLUDE)
        void onlyAnApprovedOrHeldChangeIsActivatedOrHeld(ChangeState state) {
            ChangeRequest change = inState(state);
            assertRefused(() -> change.activate(9, T1), ChangeProblems.CHANGE_STATE_CONFLICT);
            assertRefused(
                    () -> change.hold(List.of(new FieldError("f", "m")), T1), ChangeProblems.CHANGE_STATE_CONFLICT);
        }

        @Test
        void openAndClosedStatesAreWhatTheOneOpenChangeRuleCounts() {
            assertThat(ChangeState.OPEN)
                    .containsExactlyInAnyOrder(
                            ChangeState.DRAFT,
                            ChangeState.SUBMITTED,
                            ChangeState.APPROVED,
                            ChangeState.HELD,
                            ChangeState.REJECTED);
            assertThat(ChangeState.ACTIVE.isOpen()).isFalse();
            assertThat(ChangeState.WITHDRAWN.isOpen()).isFalse();
        }
    }

    @Nested
    class RejectionReason {
        @Test
        void aRejectionNeedsAReason() {
            ChangeRequest change = submitted();
            assertThatThrownBy(() -> change.reject(REVIEWER, "   ", T1))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.type()).isEqualTo(CommonProblems.VALIDATION);
                        assertThat(e.toProblem().errors())
                                .containsExactly(new FieldError(
                                        "reason", "Bitte begründen, warum die Änderung abgelehnt wird."));
                    });
            assertThatThrownBy(() -> change.reject(REVIEWER, null, T1)).isInstanceOf(ProblemException.class);
            assertThat(change.state).isEqualTo(ChangeState.SUBMITTED);
        }

        @Test
        void theReasonFollowsTheTextRules() {
            ChangeRequest change = submitted();
            assertThatThrownBy(() -> change.reject(REVIEWER, "<script>x</script>", T1))
                    .isInstanceOfSatisfying(
                            ProblemException.class,
                            e -> assertThat(e.toProblem().errors().get(0).field())
                                    .isEqualTo("reason"));
            assertThatThrownBy(() -> change.reject(REVIEWER, "x".repeat(1001), T1))
                    .isInstanceOf(ProblemException.class);
            assertThat(change.state).isEqualTo(ChangeState.SUBMITTED);
        }
    }
}
