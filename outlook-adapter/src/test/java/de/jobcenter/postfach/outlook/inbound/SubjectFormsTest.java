package de.jobcenter.postfach.outlook.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubjectFormsTest {

    @Test
    void showsTheCustomerTheSubjectWithoutTokenMarkerAndLabel() {
        assertThat(SubjectForms.forCustomer("AW: Postfach [PF-ABCDEFGHIJKLMNOP]: Terminwunsch [zahlungsrelevant]"))
                .isEqualTo("AW: Terminwunsch");
        assertThat(SubjectForms.forCustomer("RE: Postfach [pf-abcdefghijklmnop]: Postfach: defekt"))
                .isEqualTo("RE: Postfach: defekt");
    }

    @Test
    void findsThePaymentMarkerInAnyCase() {
        assertThat(SubjectForms.isPaymentRelevant("AW: Termin [Zahlungsrelevant]"))
                .isTrue();
        assertThat(SubjectForms.isPaymentRelevant("AW: Termin zahlungsrelevant"))
                .isFalse();
    }

    @Test
    void readsTheNewConversationForm() {
        assertThat(SubjectForms.newConversation("Kundennummer 123D456789: Ihr Termin am Montag"))
                .contains(new SubjectForms.NewConversation("123D456789", "Ihr Termin am Montag"));
        assertThat(SubjectForms.newConversation("WG: kundennummer: 123d456789 : Bescheid [zahlungsrelevant]"))
                .contains(new SubjectForms.NewConversation("123D456789", "Bescheid"));
    }

    @Test
    void refusesOtherSubjectsAsNewConversations() {
        assertThat(SubjectForms.newConversation("Kundennummer 12D456789: zu kurz"))
                .isEmpty();
        assertThat(SubjectForms.newConversation("Termin mit Kundennummer 123D456789: bitte"))
                .isEmpty();
        assertThat(SubjectForms.newConversation("Kundennummer 123D456789: [PF-ABCDEFGHIJKLMNOP]"))
                .isEmpty();
    }
}
