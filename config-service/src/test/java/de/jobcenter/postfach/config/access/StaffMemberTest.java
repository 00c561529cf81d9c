package de.jobcenter.postfach.config.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.jobcenter.postfach.config.access.StaffMember.Role;
import de.jobcenter.postfach.contracts.OfficeType;
import de.jobcenter.postfach.kit.problem.ProblemException;
import de.jobcenter.postfach.kit.problem.ProblemType;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may do what: office scope from the token, roles, and the central administrators' limits. */
class StaffMemberTest {
    private static final String JC_A = "JC-A";
    private static final String JC_B = "JC-B";
    private static final String AA = "AA-X";

    private static StaffMember member(Set<Role> roles, String... offices) {
        return new StaffMember(new Actor("u", "user"), roles, Set.of(offices));
    }

    private static void refused(Runnable action, ProblemType type) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.type().status()).isEqualTo(403);
        });
    }

    @Test
    void anEditorEditsOnlyTheOfficesInTheirScope() {
        StaffMember editor = member(Set.of(Role.EDITOR), JC_A);
        editor.requireEdit(JC_A, OfficeType.JOBCENTER);
        refused(() -> editor.requireEdit(JC_B, OfficeType.JOBCENTER), AccessProblems.OFFICE_NOT_IN_SCOPE);
        refused(() -> editor.requireView(JC_B), AccessProblems.OFFICE_NOT_IN_SCOPE);
        assertThat(editor.canView(JC_A)).isTrue();
    }

    @Test
    void anEditorWithoutTheReviewerRoleCannotReview() {
        StaffMember editor = member(Set.of(Role.EDITOR), JC_A);
        refused(() -> editor.requireReview(JC_A, OfficeType.JOBCENTER), AccessProblems.ROLE_MISSING);
    }

    @Test
    void aReviewerWithoutTheEditorRoleCannotEdit() {
        StaffMember reviewer = member(Set.of(Role.REVIEWER), JC_A);
        reviewer.requireReview(JC_A, OfficeType.JOBCENTER);
        refused(() -> reviewer.requireEdit(JC_A, OfficeType.JOBCENTER), AccessProblems.ROLE_MISSING);
        refused(() -> reviewer.requireReview(JC_B, OfficeType.JOBCENTER), AccessProblems.OFFICE_NOT_IN_SCOPE);
    }

    @Test
    void aCentralAdministratorSeesEveryOfficeButNeverEditsOrReviewsAJobCentre() {
        StaffMember admin = member(Set.of(Role.CENTRAL_ADMIN));
        assertThat(admin.canView(JC_A)).isTrue();
        admin.requireCentralAdmin();
        refused(() -> admin.requireEdit(JC_A, OfficeType.JOBCENTER), AccessProblems.JOBCENTER_CONFIGURATION_RESERVED);
        refused(() -> admin.requireReview(JC_A, OfficeType.JOBCENTER), AccessProblems.JOBCENTER_CONFIGURATION_RESERVED);
    }

    @Test
    void aCentralAdministratorConfiguresAndReviewsEmploymentAgencies() {
        StaffMember admin = member(Set.of(Role.CENTRAL_ADMIN));
        admin.requireEdit(AA, OfficeType.EMPLOYMENT_AGENCY);
        admin.requireReview(AA, OfficeType.EMPLOYMENT_AGENCY);
    }

    @Test
    void aCentralAdministratorWhoIsAlsoAJobCentreEditorActsAsThatEditor() {
        StaffMember both = member(Set.of(Role.CENTRAL_ADMIN, Role.EDITOR), JC_A);
        both.requireEdit(JC_A, OfficeType.JOBCENTER);
        refused(() -> both.requireEdit(JC_B, OfficeType.JOBCENTER), AccessProblems.JOBCENTER_CONFIGURATION_RESERVED);
    }

    @Test
    void editorsAndReviewersAreNotCentralAdministrators() {
        StaffMember both = member(Set.of(Role.EDITOR, Role.REVIEWER), JC_A);
        refused(both::requireCentralAdmin, AccessProblems.ROLE_MISSING);
        assertThat(both.canEdit(AA, OfficeType.EMPLOYMENT_AGENCY)).isFalse();
    }

    @Test
    void withoutRolesNothingIsAllowedEvenInScope() {
        StaffMember nobody = member(Set.of(), JC_A);
        assertThat(nobody.canEdit(JC_A, OfficeType.JOBCENTER)).isFalse();
        assertThat(nobody.canReview(JC_A, OfficeType.JOBCENTER)).isFalse();
        assertThat(nobody.canView(JC_A)).isTrue();
    }

    @Test
    void actorsAreTheSameByIdNotByName() {
        assertThat(new Actor("u-1", "Anna").sameAs(new Actor("u-1", "Anna M."))).isTrue();
        assertThat(new Actor("u-1", "Anna").sameAs(new Actor("u-2", "Anna"))).isFalse();
        assertThat(new Actor("u-1", null).name()).isEqualTo("u-1");
    }
}
